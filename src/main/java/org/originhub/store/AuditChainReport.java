package org.originhub.store;

/**
 * What a verification of the audit chain found (GET /api/v1/audit/verification).
 *
 * @param rowsChecked sealed rows read and recomputed
 * @param sealed rows sealed according to the chain head; more than rowsChecked when sealed rows were removed
 * @param unsealed rows written but not sealed yet (normally those of the last few hundred ms): not covered
 * @param intact no broken link
 * @param brokenLinks how many links do not hold (a changed row breaks one, two swapped rows break two)
 * @param headHash the chain hash of the last sealed row, to compare with a copy kept elsewhere
 * @param firstBrokenLink the first link that does not hold, in seal order; null when intact
 */
public record AuditChainReport(long rowsChecked, long sealed, long unsealed, boolean intact, long brokenLinks,
        String headHash, BrokenLink firstBrokenLink) {

    /**
     * A link that does not hold.
     *
     * @param id the audit row's id (null when the break is at the end: sealed rows missing after the last one)
     * @param seal its seal number
     * @param expected the chain hash recomputed from the row and the link before it
     * @param found the chain hash stored
     * @param reason what that means
     */
    public record BrokenLink(Long id, Long seal, String expected, String found, String reason) {
    }
}

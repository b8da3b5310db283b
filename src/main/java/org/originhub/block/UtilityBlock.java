package org.originhub.block;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A GNC utility block: one exchange agreement between administrations, as the hub reads and enforces it
 * ({@code config/blocks/<id>.yaml}). Three parts, as the WCO Globally Networked Customs method describes them:
 * rationale and legal basis, process alignment, technical interoperability.
 */
public record UtilityBlock(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) Rationale rationale,
        @JsonProperty(required = true) Process process,
        @JsonProperty(required = true) Technical technical,
        String retired) {

    /** Why the exchange exists and on what legal footing. */
    public record Rationale(
            @JsonProperty(required = true) String purpose,
            String benefit,
            @JsonProperty(required = true) LegalBasis legalBasis) {
    }

    public record LegalBasis(
            @JsonProperty(required = true) String agreement,
            String originChapter,
            String arrangement) {
    }

    /** What is exchanged, when, between whom, under which rules. */
    public record Process(
            @JsonProperty(required = true) String trigger,
            @JsonProperty(required = true) Entities entities,
            @JsonProperty(required = true) List<String> messages,
            @JsonProperty(required = true) Rules rules,
            DataCluster dataCluster) {
    }

    /**
     * {@code countries}: the administrations the block joins; any member may issue to any other.
     * {@code partners}: the partner hubs (config/partners ids) this hub exchanges with under the block.
     * {@code sources}: the national sources that may submit certificates under the block.
     */
    public record Entities(
            @JsonProperty(required = true) List<String> countries,
            @JsonProperty(required = true) List<String> partners,
            List<String> sources) {
    }

    /** Operational rules that are data. */
    public record Rules(
            Integer validityDays,
            Integer lateIssueDays,
            Retroactive retroactiveIssuance,
            List<String> originCriteria,
            List<String> hsVersions,
            List<String> forms) {
    }

    public record Retroactive(boolean allowed, Integer maxDaysAfterShipment) {
    }

    /** Which canonical elements the agreement requires or forbids, checked after the transform. */
    public record DataCluster(Integer maxGoodsItems, List<ElementRule> required, List<ElementRule> forbidden) {
    }

    /**
     * For every node selected by {@code each} (XPath from CertificateOfOrigin, canonical names without prefix;
     * "." for the certificate itself), {@code element} must be present (required) or absent (forbidden).
     */
    public record ElementRule(
            @JsonProperty(required = true) String element,
            String each,
            String reason) {
    }

    /** How the exchange runs technically. */
    public record Technical(
            @JsonProperty(required = true) String serviceInterface,
            @JsonProperty(required = true) String communication,
            String integration) {
    }

    public boolean active() {
        return retired == null || retired.isBlank();
    }

    public String agreement() {
        return rationale.legalBasis().agreement();
    }
}

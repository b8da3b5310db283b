package org.originhub.store;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.jmx.export.naming.SelfNaming;

/**
 * The audit chain in JMX, where Hawtio shows it (JMX tab, org.originhub → AuditChain): the head to copy elsewhere
 * and the same verification as GET /api/v1/audit/verification.
 */
@ManagedResource(description = "The audit trail's hash chain")
public class AuditChainOperations implements SelfNaming {

    private final AuditChainVerifier verifier;
    private final String hub;

    public AuditChainOperations(AuditChainVerifier verifier, String hub) {
        this.verifier = verifier;
        this.hub = hub;
    }

    /** Named after the hub: two hubs in one JVM (as in the tests) each show their own. */
    @Override
    public ObjectName getObjectName() throws MalformedObjectNameException {
        return new ObjectName("org.originhub:type=AuditChain,hub=" + hub);
    }

    @ManagedAttribute(description = "Seal number and chain hash of the last sealed audit row")
    public String getHead() {
        AuditChainHead head = verifier.head();
        return "seal " + head.seal() + " hash " + head.hash() + " sealed at " + head.sealedAt();
    }

    @ManagedOperation(description = "Recompute the chain: intact, or the first broken link (row changed, removed or reordered)")
    public String verify() {
        AuditChainReport report = verifier.verify();
        String counts = report.rowsChecked() + " rows checked, " + report.sealed() + " sealed, " + report.unsealed()
                + " not sealed yet";
        if (report.intact()) {
            return "intact: " + counts + ", head " + report.headHash();
        }
        AuditChainReport.BrokenLink link = report.firstBrokenLink();
        return "BROKEN: " + report.brokenLinks() + " broken link(s), the first at row " + link.id() + " (seal "
                + link.seal() + "): " + link.reason() + "; " + counts;
    }
}

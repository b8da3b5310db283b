package org.originhub.ingest;

import java.util.ArrayList;
import java.util.List;
import net.sf.saxon.s9api.XdmNode;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.config.PartnerDefinition;
import org.originhub.format.NationalCertificate;
import org.originhub.store.AuditTrail;

/**
 * One certificate on its way through the ingest stages; each stage fills in what it produced.
 * It lives only in memory for the duration of one exchange: what must survive is in the store and on the queue.
 * It also carries the audit rows of the stages passed so far until they are written: with the certificate's row
 * when it is registered, or with its rejection (one commit per certificate instead of one per stage).
 */
public final class WorkItem {

    private final String sourceId;
    private final String channel;
    private final NationalCertificate national;
    private byte[] canonical;
    /** The canonical certificate as the stylesheet built it, until the item is addressed (its data cluster checked). */
    private XdmNode canonicalTree;
    private CertificateOfOriginType certificate;
    private PartnerDefinition partner;
    private String messageId;
    private byte[] envelope;
    private String envelopeSha256;
    private String blockId;
    private final List<AuditTrail.Staged> unwritten = new ArrayList<>();

    public WorkItem(String sourceId, String channel, NationalCertificate national) {
        this.sourceId = sourceId;
        this.channel = channel;
        this.national = national;
    }

    /** The certificate id as far as it is known: from the canonical model once mapped, else as the national document says. */
    public String certificateId() {
        return certificate != null ? certificate.getCertificateID() : national.certificateId();
    }

    public String sourceId() { return sourceId; }
    public String channel() { return channel; }
    public NationalCertificate national() { return national; }
    public byte[] canonical() { return canonical; }
    public CertificateOfOriginType certificate() { return certificate; }
    public PartnerDefinition partner() { return partner; }
    public String messageId() { return messageId; }
    public byte[] envelope() { return envelope; }
    public String envelopeSha256() { return envelopeSha256; }
    public String blockId() { return blockId; }

    void staged(AuditTrail.Staged row) { unwritten.add(row); }

    /** The audit rows staged and not yet committed, oldest first. */
    List<AuditTrail.Staged> unwritten() { return List.copyOf(unwritten); }

    /** The rows {@code rows} (taken from {@link #unwritten}) are committed. */
    void written(List<AuditTrail.Staged> rows) { unwritten.removeAll(rows); }

    void mapped(byte[] canonical, XdmNode tree) {
        this.canonical = canonical;
        this.canonicalTree = tree;
    }

    /** The tree {@link #canonical} was serialised from; null once the item is addressed. */
    XdmNode canonicalTree() { return canonicalTree; }
    void validated(CertificateOfOriginType certificate) { this.certificate = certificate; }

    void addressed(String blockId, PartnerDefinition partner, String messageId, byte[] envelope, String sha256) {
        this.blockId = blockId;
        this.partner = partner;
        this.messageId = messageId;
        this.envelope = envelope;
        this.envelopeSha256 = sha256;
        this.canonicalTree = null;
    }
}

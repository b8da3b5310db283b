package org.originhub.ingest;

import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.config.PartnerDefinition;
import org.originhub.format.NationalCertificate;

/**
 * One certificate on its way through the ingest stages; each stage fills in what it produced.
 * It lives only in memory for the duration of one exchange: what must survive is in the store and on the queue.
 */
public final class WorkItem {

    private final String sourceId;
    private final String channel;
    private final NationalCertificate national;
    private byte[] canonical;
    private CertificateOfOriginType certificate;
    private PartnerDefinition partner;
    private String messageId;
    private byte[] envelope;
    private String envelopeSha256;
    private String blockId;

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

    void mapped(byte[] canonical) { this.canonical = canonical; }
    void validated(CertificateOfOriginType certificate) { this.certificate = certificate; }

    void addressed(String blockId, PartnerDefinition partner, String messageId, byte[] envelope, String sha256) {
        this.blockId = blockId;
        this.partner = partner;
        this.messageId = messageId;
        this.envelope = envelope;
        this.envelopeSha256 = sha256;
    }
}

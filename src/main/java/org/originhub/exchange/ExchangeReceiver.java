package org.originhub.exchange;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.block.BlockEnforcer;
import org.originhub.canonical.v1.ResultCode;
import org.originhub.config.HubDirectory;
import org.originhub.config.HubProperties;
import org.originhub.config.PartnerDefinition;
import org.originhub.format.HubError;
import org.originhub.ingest.DocumentTooLargeException;
import org.originhub.ingest.SizeLimit;
import org.originhub.rules.BusinessRules;
import org.originhub.signature.DocumentSignatures;
import org.originhub.signature.SignatureRejectedException;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;
import org.originhub.store.Direction;
import org.originhub.store.LifecycleStatus;
import org.originhub.store.Sha256;
import org.originhub.store.TransportStatus;
import org.w3c.dom.Document;

/**
 * The receiving hub's side of an exchange: verifies the signature of an envelope from a partner hub before anything
 * else, then checks it (schema, known sender, agreement, business rules, duplicates), records it, and answers with a
 * signed ACK. The same certificate again (same business identity and content, whatever the message id) is answered
 * with the original outcome, so a sender that lost our first answer is not told it was rejected, and it is not
 * handed over twice.
 */
public class ExchangeReceiver {

    private final CanonicalModel canonical;
    private final EnvelopeFactory envelopes;
    private final DocumentSignatures signatures;
    private final HubDirectory directory;
    private final BlockEnforcer blocks;
    private final HubProperties.Hub hub;
    private final BusinessRules rules;
    private final CertificateStore store;
    private final AuditTrail audit;
    private final SizeLimit limit;

    public ExchangeReceiver(CanonicalModel canonical, EnvelopeFactory envelopes, DocumentSignatures signatures,
            HubDirectory directory, BlockEnforcer blocks, HubProperties.Hub hub, BusinessRules rules, CertificateStore store,
            AuditTrail audit, long maxBytes) {
        this.canonical = canonical;
        this.envelopes = envelopes;
        this.signatures = signatures;
        this.directory = directory;
        this.blocks = blocks;
        this.hub = hub;
        this.rules = rules;
        this.store = store;
        this.audit = audit;
        this.limit = new SizeLimit(maxBytes);
    }

    /**
     * A file a partner left for us: one envelope or a batch of them, each to be received on its own, as written
     * (a Batch is not signed as a whole; each envelope in it carries its own signature). Read up to the size limit
     * only; a file over it, or one that is not an envelope or batch, is refused as a whole.
     */
    public List<byte[]> envelopesOf(InputStream file) {
        return canonical.envelopeDocumentsOf(limit.read(file));
    }

    /** The ACKs for a file from a partner, written back as one file: the ACK itself, or a batch of ACKs. */
    public byte[] acknowledgementFile(List<byte[]> acknowledgements) {
        if (acknowledgements.size() == 1) {
            return acknowledgements.get(0);
        }
        EnvelopeType first = canonical.readEnvelope(acknowledgements.get(0));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"")
                .append(CanonicalModel.NAMESPACE).append("\"><BatchID>").append(java.util.UUID.randomUUID())
                .append("</BatchID><SenderID>").append(first.getSenderID()).append("</SenderID><ReceiverID>")
                .append(first.getReceiverID()).append("</ReceiverID><CreatedDateTime>")
                .append(java.time.OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .append("</CreatedDateTime>");
        for (byte[] ack : acknowledgements) {
            xml.append(new String(ack, StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>\\s*", ""));
        }
        return xml.append("</Batch>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Refuses, before the body is read, an envelope whose declared length is over the limit (413). */
    public void admit(Long declaredLength) {
        limit.checkDeclared(declaredLength);
    }

    /**
     * An envelope as received: its bytes, what could be read of them, and why its signature is refused (E010, E011,
     * E020; empty when it passed or signatures are off).
     */
    public record Incoming(byte[] body, CanonicalModel.ParsedEnvelope parsed, List<HubError> signatureErrors,
            Document verifiedTree) {
    }

    /**
     * Reads an envelope before any transaction starts: one that is not even an envelope with a message id and
     * a sender is refused here (HTTP 400; nothing to acknowledge), so the refusal is never a rollback. The signature
     * is verified first; what is read afterwards are the bytes it covers. An envelope whose signature is refused is
     * still read, only to address the RE that answers it.
     */
    public Incoming open(byte[] received) {
        if (received.length > limit.maxBytes()) {
            throw new DocumentTooLargeException(received.length, limit.maxBytes());
        }
        byte[] body = received;
        Document verifiedTree = null;
        List<HubError> refused = List.of();
        try {
            DocumentSignatures.Checked checked = signatures.checked(received);
            body = checked.document();
            verifiedTree = checked.tree();
        } catch (SignatureRejectedException e) {
            refused = e.errors();
        }
        CanonicalModel.ParsedEnvelope parsed = canonical.parseEnvelope(body);
        EnvelopeType envelope = parsed.envelope();
        if (envelope == null || envelope.getMessageID() == null || envelope.getSenderID() == null) {
            throw new UnreadableEnvelopeException(parsed.errors());
        }
        return new Incoming(body, parsed, refused, verifiedTree);
    }

    public Receipt receive(Incoming incoming) {
        byte[] body = incoming.body();
        CanonicalModel.ParsedEnvelope parsed = incoming.parsed();
        EnvelopeType envelope = parsed.envelope();
        CertificateOfOriginType certificate = envelope.getPayload() == null ? null : envelope.getPayload().getCertificateOfOrigin();
        String certificateId = certificate == null ? null : certificate.getCertificateID();
        String sha256 = Sha256.of(body);
        Optional<PartnerDefinition> sender = directory.partnerByPartyId(envelope.getSenderID());
        String partnerId = sender.map(PartnerDefinition::id).orElse(envelope.getSenderID());
        AuditTrail.Subject subject = new AuditTrail.Subject(Direction.INBOUND, certificateId, envelope.getMessageID(),
                null, partnerId, sha256);
        // the envelope's audit rows are written together with its ACK_SENT, in the transaction that records it
        List<AuditTrail.Staged> rows = new ArrayList<>(3);
        rows.add(audit.stage(AuditEvent.EXCHANGE_RECEIVED, subject, envelope.getMessageTypeCode() + " from "
                + envelope.getSenderID()));
        if (!incoming.signatureErrors().isEmpty()) {
            // nothing of an envelope whose signature is refused is checked, stored or handed over
            rows.add(audit.stage(AuditEvent.SIGNATURE_REJECTED, subject, incoming.signatureErrors().toString()));
            return answer(envelope, ResultCode.RE, incoming.signatureErrors(), subject, null, rows);
        }

        List<HubError> errors = new ArrayList<>(parsed.errors());
        String blockId = errors.isEmpty() ? check(envelope, certificate, body, incoming.verifiedTree(), errors) : null;
        if (!errors.isEmpty()) {
            return answer(envelope, ResultCode.RE, errors, subject, null, rows);
        }
        Instant now = Instant.now();
        // the certificate's own hash, whatever envelope carries it: a resend under a new message id is still a duplicate
        String certificateSha256 = Sha256.of(canonical.write(certificate));
        CertificateRecord record = new CertificateRecord(Direction.INBOUND, certificateId,
                certificate.getIssuingAuthority().getID(), envelope.getFunctionCode(), envelope.getMessageID(), null,
                partnerId, envelope.getAgreementCode(), LifecycleStatus.ACCEPTED, TransportStatus.RECEIVED.name(), sha256,
                new String(body, StandardCharsets.UTF_8), now, now, blockId, certificateSha256);
        if (!store.insert(record)) {
            CertificateRecord first = store.find(Direction.INBOUND, record.issuerId(), certificateId, record.functionCode())
                    .orElseThrow();
            if (certificateSha256.equals(first.certificateSha256()) || first.messageId().equals(envelope.getMessageID())) {
                // the sender lost our first answer (or resends after its own failure): it gets that answer again,
                // and the national system does not get the certificate twice
                rows.add(audit.stage(AuditEvent.DUPLICATE, subject, "same certificate again (first received as"
                        + " message " + first.messageId() + "): answered with the original outcome, not handed over"
                        + " again"));
                return answer(envelope, ResultCode.AC, List.of(), subject, null, rows);
            }
            rows.add(audit.stage(AuditEvent.DUPLICATE, subject, "other content under an identity first received as"
                    + " message " + first.messageId()));
            return answer(envelope, ResultCode.RE, List.of(new HubError("E030", "/CertificateOfOrigin/CertificateID",
                    "certificate " + certificateId + " was already received with other content in message "
                            + first.messageId())), subject, null, rows);
        }
        return answer(envelope, ResultCode.AC, List.of(), subject, body, rows);
    }

    /** Structure first, then the utility block the message arrives under, with its rules. */
    private String check(EnvelopeType envelope, CertificateOfOriginType certificate, byte[] body,
            Document verifiedTree, List<HubError> errors) {
        if (certificate == null) {
            errors.add(HubError.schema("/Envelope/Payload", "this endpoint takes certificates; got "
                    + envelope.getMessageTypeCode()));
            return null;
        }
        String receiverCountry = envelope.getReceiverID().substring(0, 2);
        if (!hub.serves(receiverCountry) || !receiverCountry.equals(certificate.getImportCountryCode())) {
            errors.add(new HubError("E020", "/Envelope/ReceiverID", "this hub does not receive for "
                    + envelope.getReceiverID() + " (certificate for " + certificate.getImportCountryCode() + ")"));
        }
        if (!envelope.getAgreementCode().equals(certificate.getAgreementCode())) {
            errors.add(new HubError("E020", "/Envelope/AgreementCode", "envelope agreement " + envelope.getAgreementCode()
                    + " differs from the certificate's " + certificate.getAgreementCode()));
        }
        errors.addAll(rules.check(certificate));
        return blocks.inbound(envelope.getMessageTypeCode().value(), envelope.getAgreementCode(), envelope.getSenderID(),
                certificate, body, verifiedTree, errors).orElse(null);
    }

    /** Signs the ACK and writes the envelope's audit rows, ACK_SENT last, in one batch. */
    private Receipt answer(EnvelopeType received, ResultCode result, List<HubError> errors, AuditTrail.Subject subject,
            byte[] accepted, List<AuditTrail.Staged> rows) {
        EnvelopeType ack = envelopes.acknowledgement(received, result, errors);
        byte[] bytes = signatures.sign(canonical.write(ack));
        rows.add(audit.stage(AuditEvent.ACK_SENT, subject, "ACK " + result + " message " + ack.getMessageID()
                + (errors.isEmpty() ? "" : " " + errors)));
        audit.write(rows);
        return new Receipt(accepted != null, bytes, accepted, subject.certificateId(), received.getMessageID());
    }
}

package org.originhub.exchange;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.v1.AckErrorType;
import org.originhub.canonical.v1.AcknowledgementType;
import org.originhub.canonical.v1.ResultCode;
import org.originhub.config.HubDirectory;
import org.originhub.config.PartnerDefinition;
import org.originhub.format.NationalFormats;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;
import org.originhub.store.Direction;
import org.originhub.store.LifecycleStatus;
import org.originhub.store.Sha256;
import org.slf4j.MDC;

/**
 * The sending hub's side of a delivery: before the call, after the partner's answer, on each retry and
 * when the retry budget is spent. The business status (ISSUED → TRANSMITTED → ACCEPTED/REJECTED, or FAILED)
 * and the transport status (SENDING, RETRYING(n), ACKNOWLEDGED, FAILED) are recorded separately.
 */
public class DeliveryAttempts {

    /** Set by the ingest route on the delivery message: which stored certificate this envelope belongs to. */
    public static final String MESSAGE_ID_HEADER = "OriginHubMessageId";
    public static final String MESSAGE_ID = "OriginHubMessageIdProperty";
    public static final String SKIP = "OriginHubSkipDelivery";
    public static final String FILE_NAME = "OriginHubDeliveryFileName";

    private final CertificateStore store;
    private final AuditTrail audit;
    private final CanonicalModel canonical;
    private final NationalFormats formats;
    private final HubDirectory directory;

    public DeliveryAttempts(CertificateStore store, AuditTrail audit, CanonicalModel canonical, NationalFormats formats,
            HubDirectory directory) {
        this.store = store;
        this.audit = audit;
        this.canonical = canonical;
        this.formats = formats;
        this.directory = directory;
    }

    /**
     * Marks the attempt and answers the body to send: the canonical envelope, or the partner's national format.
     * A message whose certificate already reached a final state (a redelivered JMS message) is not sent again.
     */
    public byte[] prepare(byte[] envelope, @Header(MESSAGE_ID_HEADER) String messageId, Exchange exchange) {
        exchange.setProperty(MESSAGE_ID, messageId);
        Optional<CertificateRecord> stored = store.findByMessageId(Direction.OUTBOUND, messageId);
        if (stored.isEmpty()) {
            // The message is queued inside the transaction that stores its row; a consumer can be faster than
            // that commit. Retrying shortly is enough; a row that never appears ends in the dead-letter queue.
            throw new TransientDeliveryException("certificate for message " + messageId + " is not stored (yet)");
        }
        if (!stored.get().status().canMoveTo(LifecycleStatus.TRANSMITTED) && stored.get().status() != LifecycleStatus.TRANSMITTED) {
            exchange.setProperty(SKIP, true);
            return envelope;
        }
        CertificateRecord record = stored.get();
        MDC.put(AuditTrail.MDC_CERTIFICATE, record.certificateId());
        store.transition(Direction.OUTBOUND, messageId, LifecycleStatus.TRANSMITTED, "SENDING");
        PartnerDefinition partner = partner(record);
        audit.record(AuditEvent.SENT, subject(record, record.payloadSha256()), "to " + partner.id() + " at " + partner.address());
        // File-based channels name each delivery after its certificate and message: unique, and readable at the partner.
        String stem = record.certificateId().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + messageId;
        if (partner.wantsCanonical()) {
            exchange.setProperty(FILE_NAME, stem + ".xml");
            return envelope;
        }
        exchange.setProperty(FILE_NAME, stem + "." + formats.descriptor(partner.format()).fileExtension());
        return formats.fromCanonical(partner.format(), canonical.certificateOf(canonical.readEnvelope(envelope)));
    }

    /**
     * Reads the partner's 2xx answer (the HTTP call itself fails on anything else, so that a redelivery sends
     * again): an ACK for a hub partner, a plain receipt for a national-format partner.
     */
    public void recordResponse(byte[] body, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
            @ExchangeProperty(MESSAGE_ID) String messageId) {
        int code = status == null ? 0 : status;
        CertificateRecord record = store.findByMessageId(Direction.OUTBOUND, messageId).orElseThrow();
        if (!partner(record).wantsCanonical()) {
            store.transition(Direction.OUTBOUND, messageId, LifecycleStatus.DELIVERED, "DELIVERED");
            audit.record(AuditEvent.DELIVERED, subject(record, null), "HTTP " + code);
            return;
        }
        CanonicalModel.ParsedEnvelope parsed = canonical.parseEnvelope(body == null ? new byte[0] : body);
        AcknowledgementType ack = parsed.valid() ? parsed.envelope().getPayload().getAcknowledgement() : null;
        if (ack == null || !messageId.equals(ack.getReferencedMessageID())) {
            // A partner that answers 2xx with something other than our ACK will do so again: an operator must look.
            throw new PermanentDeliveryException("partner's answer is not an ACK for message " + messageId + ": "
                    + (parsed.valid() ? "it references another message" : parsed.errors()));
        }
        boolean accepted = ack.getResultCode() != ResultCode.RE;
        store.transition(Direction.OUTBOUND, messageId, accepted ? LifecycleStatus.ACCEPTED : LifecycleStatus.REJECTED,
                "ACKNOWLEDGED");
        audit.record(accepted ? AuditEvent.ACKNOWLEDGED : AuditEvent.PARTNER_REJECTED,
                subject(record, Sha256.of(body)), "ACK " + ack.getResultCode() + " message " + parsed.envelope().getMessageID()
                        + errors(ack.getError()));
        MDC.remove(AuditTrail.MDC_CERTIFICATE);
    }

    /**
     * SFTP, JMS and file channels have no business ACK: the completed upload (renamed from its temporary name) or
     * the committed send is the transport receipt, and the certificate is DELIVERED.
     */
    public void delivered(@ExchangeProperty(MESSAGE_ID) String messageId, @ExchangeProperty(FILE_NAME) String fileName) {
        CertificateRecord record = store.findByMessageId(Direction.OUTBOUND, messageId).orElseThrow();
        store.transition(Direction.OUTBOUND, messageId, LifecycleStatus.DELIVERED, "DELIVERED");
        PartnerDefinition partner = partner(record);
        audit.record(AuditEvent.DELIVERED, subject(record, null), "to " + partner.address()
                + (partner.channel() == PartnerDefinition.Channel.jms ? "" : " as " + fileName));
    }

    /** Before each redelivery: the transport status says which attempt is next. */
    public void retrying(Exchange exchange) {
        String messageId = exchange.getProperty(MESSAGE_ID, String.class);
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (messageId == null) {
            return;
        }
        store.transportStatus(Direction.OUTBOUND, messageId, "RETRYING(" + attempt + ")");
        store.findByMessageId(Direction.OUTBOUND, messageId).ifPresent(record -> audit.record(AuditEvent.DELIVERY_RETRY,
                subject(record, null), "attempt " + (attempt + 1) + " after: " + describe(cause, exchange)));
    }

    /** The retry budget is spent or the partner refused for good: the certificate is FAILED and dead-lettered. */
    public void failed(Exchange exchange) {
        String messageId = exchange.getProperty(MESSAGE_ID, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (messageId == null) {
            messageId = exchange.getIn().getHeader(MESSAGE_ID_HEADER, String.class);
        }
        if (messageId == null) {
            return;
        }
        store.transition(Direction.OUTBOUND, messageId, LifecycleStatus.FAILED, "FAILED");
        String last = describe(cause, exchange);
        store.findByMessageId(Direction.OUTBOUND, messageId).ifPresent(record ->
                audit.record(AuditEvent.FAILED, subject(record, null), "dead-lettered after: " + last));
    }

    private PartnerDefinition partner(CertificateRecord record) {
        return directory.partner(record.partnerId())
                .orElseThrow(() -> new PermanentDeliveryException("partner " + record.partnerId() + " is no longer configured"));
    }

    private static AuditTrail.Subject subject(CertificateRecord record, String sha256) {
        return AuditTrail.Subject.of(record, sha256);
    }

    /** The failure and its root cause: "Cannot connect" says little, "HostKey has been changed" says what to fix. */
    private static String describe(Throwable cause, Exchange exchange) {
        Throwable failure = cause != null ? cause : exchange.getException();
        if (failure == null) {
            return "unknown error";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? text : text + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String errors(List<AckErrorType> errors) {
        StringBuilder text = new StringBuilder();
        for (AckErrorType error : errors) {
            text.append("; ").append(error.getCode()).append(' ')
                    .append(error.getPointer() == null ? "" : error.getPointer() + " ").append(error.getText());
        }
        return text.toString();
    }

    private static String text(byte[] body) {
        if (body == null) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}

package org.originhub.exchange;

import java.time.Instant;
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
import org.originhub.config.RetryPolicy;
import org.originhub.format.NationalFormats;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sending hub's side of a delivery: before the call, after the partner's answer, on each failed attempt
 * and when the retry budget is spent. The business status (ISSUED → TRANSMITTED → ACCEPTED/REJECTED, or FAILED)
 * and the transport status ({@link TransportStatus}) are recorded separately. Attempts are counted in the
 * database, so the budget of a partner's retry policy holds across restarts and crashes.
 */
public class DeliveryAttempts {

    /** Set by the ingest route on the delivery message: which stored certificate this envelope belongs to. */
    public static final String MESSAGE_ID_HEADER = "OriginHubMessageId";
    public static final String MESSAGE_ID = "OriginHubMessageIdProperty";
    public static final String SKIP = "OriginHubSkipDelivery";
    /**
     * Set by {@link #prepare}: the certificate's row as the attempt left it (TRANSMITTED), so that recording the
     * partner's answer moves it from there without reading it again (docs/performance.md).
     */
    public static final String SENT_RECORD = "OriginHubSentRecord";
    public static final String FILE_NAME = "OriginHubDeliveryFileName";
    /** On a dead-lettered message: why it failed. */
    public static final String LAST_ERROR_HEADER = "OriginHubLastError";
    /** A message whose certificate row never appears is an orphan of a failed ingest commit: so many tries, then parked. */
    private static final int ORPHAN_ATTEMPTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final CertificateStore store;
    private final AuditTrail audit;
    private final CanonicalModel canonical;
    private final NationalFormats formats;
    private final HubDirectory directory;
    private final DocumentSignatures signatures;
    /** A status change and its audit row commit together: one commit instead of two, per stage and certificate. */
    private final TransactionTemplate together;

    public DeliveryAttempts(CertificateStore store, AuditTrail audit, CanonicalModel canonical, NationalFormats formats,
            HubDirectory directory, DocumentSignatures signatures, PlatformTransactionManager transactions) {
        this.together = new TransactionTemplate(transactions);
        this.store = store;
        this.audit = audit;
        this.canonical = canonical;
        this.formats = formats;
        this.directory = directory;
        this.signatures = signatures;
    }

    /**
     * Marks the attempt and answers the body to send: the canonical envelope, or the partner's national format.
     * A message whose certificate already reached a final state (a redelivered or duplicated message) is not sent
     * again; one whose retry budget is already spent (its maximum age passed while the broker held it) is
     * dead-lettered without another attempt. The attempt is counted in the database before it is made.
     */
    public byte[] prepare(byte[] envelope, @Header(MESSAGE_ID_HEADER) String messageId, Exchange exchange) {
        exchange.setProperty(MESSAGE_ID, messageId);
        Optional<CertificateStore.Delivery> stored = store.findForDelivery(messageId);
        if (stored.isEmpty()) {
            // The message is queued inside the transaction that stores its row; a consumer can be faster than
            // that commit. The broker redelivers shortly; a row that never appears ends in the dead-letter queue.
            throw new TransientDeliveryException("certificate for message " + messageId + " is not stored (yet)");
        }
        CertificateRecord record = stored.get().record();
        if (!record.status().canMoveTo(LifecycleStatus.TRANSMITTED) && record.status() != LifecycleStatus.TRANSMITTED) {
            exchange.setProperty(SKIP, true);
            LOG.info("message {} of certificate {} not sent: the certificate is already {}", messageId,
                    record.certificateId(), record.status());
            return envelope;
        }
        MDC.put(AuditTrail.MDC_CERTIFICATE, record.certificateId());
        PartnerDefinition partner = partner(record);
        // Counted, checked against the attempts before it and, with budget left, marked TRANSMITTED with its SENT row:
        // one commit, made before the attempt is.
        RetryPolicy policy = policy(partner);
        Instant now = Instant.now();
        CertificateStore.DeliveryState state = together.execute(tx -> {
            CertificateStore.DeliveryState counted = countedNow(stored.get(), now);
            if (policy.spent(counted.attempts() - 1, counted.since(), now)
                    || !store.startAttempt(stored.get(), LifecycleStatus.TRANSMITTED, TransportStatus.SENDING)) {
                // spent, or another copy of the message changed the row since it was read: count, then move, as the
                // row is now
                counted = store.startAttempt(messageId);
                if (policy.spent(counted.attempts() - 1, counted.since(), now)) {
                    return counted;
                }
                store.transition(record, LifecycleStatus.TRANSMITTED, TransportStatus.SENDING);
            }
            audit.record(AuditEvent.SENT, subject(record, record.payloadSha256()), "attempt " + counted.attempts()
                    + " to " + partner.id() + " at " + partner.address());
            return counted;
        });
        if (policy.spent(state.attempts() - 1, state.since(), now)) {
            throw new PermanentDeliveryException("retry budget of policy " + partner.retryPolicy() + " spent: "
                    + (state.attempts() - 1) + " attempts since " + state.since()
                    + (state.lastError() == null ? "" : "; last error: " + state.lastError()));
        }
        exchange.setProperty(SENT_RECORD, record.withStatus(LifecycleStatus.TRANSMITTED));
        // File-based channels name each delivery after its certificate and message: unique, and readable at the partner.
        String stem = record.certificateId().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + messageId;
        if (partner.wantsCanonical()) {
            exchange.setProperty(FILE_NAME, stem + ".xml");
            return envelope;
        }
        exchange.setProperty(FILE_NAME, stem + "." + formats.descriptor(partner.format()).fileExtension());
        try {
            return formats.fromEnvelope(partner.format(), envelope);
        } catch (RuntimeException e) {
            // a stylesheet that fails on this certificate fails on every attempt: no retry
            throw new PermanentDeliveryException("cannot render the certificate in " + partner.format() + ": " + e.getMessage());
        }
    }

    /** The delivery state as counting this attempt will make it: one attempt more, waiting since the first. */
    private static CertificateStore.DeliveryState countedNow(CertificateStore.Delivery read, Instant now) {
        CertificateStore.DeliveryState before = read.state();
        return new CertificateStore.DeliveryState(before.attempts() + 1, before.since() == null ? now : before.since(),
                before.lastError());
    }

    /**
     * Reads the partner's 2xx answer (the HTTP call itself fails on anything else, so that a redelivery sends
     * again): an ACK for a hub partner, a plain receipt for a national-format partner. With signatures on, the ACK
     * is believed only when it is signed as the partner the certificate was sent to, by a certificate trusted for it.
     *
     * @param record the certificate's row as {@link #prepare} left it
     */
    public void recordResponse(byte[] body, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
            @ExchangeProperty(SENT_RECORD) CertificateRecord record) {
        int code = status == null ? 0 : status;
        String messageId = record.messageId();
        PartnerDefinition partner = partner(record);
        if (!partner.wantsCanonical()) {
            store.transition(record, LifecycleStatus.DELIVERED, TransportStatus.DELIVERED);
            audit.record(AuditEvent.DELIVERED, subject(record, null), "HTTP " + code);
            return;
        }
        CanonicalModel.ParsedEnvelope parsed = canonical.parseEnvelope(verifiedAnswer(body, messageId));
        AcknowledgementType ack = parsed.valid() ? parsed.envelope().getPayload().getAcknowledgement() : null;
        if (ack == null || !messageId.equals(ack.getReferencedMessageID())) {
            // A partner that answers 2xx with something other than our ACK will do so again: an operator must look.
            throw new PermanentDeliveryException("partner's answer is not an ACK for message " + messageId + ": "
                    + (parsed.valid() ? "it references another message" : parsed.errors()));
        }
        if (signatures.enabled() && !partner.partyId().equals(parsed.envelope().getSenderID())) {
            // signed by a party we trust, but not the one we sent to: it cannot answer for that partner
            throw new PermanentDeliveryException("the ACK for message " + messageId + " is signed as "
                    + parsed.envelope().getSenderID() + ", not as partner " + partner.partyId());
        }
        LifecycleStatus target = ack.getResultCode() != ResultCode.RE ? LifecycleStatus.ACCEPTED
                : LifecycleStatus.REJECTED;
        String sha256 = Sha256.of(body);
        together.executeWithoutResult(tx -> {
            Optional<CertificateRecord> answered = answeredBefore(record, target);
            if (answered.isPresent()) {
                // another copy of this message was answered first: the partner's repeated ACK changes nothing
                audit.record(AuditEvent.DUPLICATE, subject(record, sha256), "repeated ACK " + ack.getResultCode()
                        + " for message " + messageId + ": the certificate is already " + answered.get().status());
                return;
            }
            audit.record(target == LifecycleStatus.ACCEPTED ? AuditEvent.ACKNOWLEDGED : AuditEvent.PARTNER_REJECTED,
                    subject(record, sha256), "ACK " + ack.getResultCode() + " message "
                    + parsed.envelope().getMessageID() + errors(ack.getError()));
        });
        MDC.remove(AuditTrail.MDC_CERTIFICATE);
    }

    /**
     * Moves the row from the status this attempt left it in to the ACK's; answers the row instead, unchanged, when the
     * partner's answer to another copy of the message already settled it (ACCEPTED or REJECTED).
     */
    private Optional<CertificateRecord> answeredBefore(CertificateRecord sent, LifecycleStatus target) {
        if (settled(sent)) {
            return Optional.of(sent);
        }
        if (store.move(sent, target, TransportStatus.ACKNOWLEDGED)) {
            return Optional.empty();
        }
        // another copy of the message moved the row meanwhile: as it is now
        CertificateRecord now = store.findWithoutEnvelope(Direction.OUTBOUND, sent.messageId()).orElseThrow();
        if (settled(now)) {
            return Optional.of(now);
        }
        store.transition(now, target, TransportStatus.ACKNOWLEDGED);
        return Optional.empty();
    }

    private static boolean settled(CertificateRecord record) {
        return record.status() == LifecycleStatus.ACCEPTED || record.status() == LifecycleStatus.REJECTED;
    }

    /**
     * SFTP, JMS and file channels have no business ACK: the completed upload (renamed from its temporary name) or
     * the committed send is the transport receipt, and the certificate is DELIVERED.
     *
     * @param record the certificate's row as {@link #prepare} left it
     */
    public void delivered(@ExchangeProperty(FILE_NAME) String fileName,
            @ExchangeProperty(SENT_RECORD) CertificateRecord record) {
        store.transition(record, LifecycleStatus.DELIVERED, TransportStatus.DELIVERED);
        PartnerDefinition partner = partner(record);
        audit.record(AuditEvent.DELIVERED, subject(record, null), "to " + partner.address()
                + (partner.channel() == PartnerDefinition.Channel.jms ? "" : " as " + fileName));
    }

    /**
     * Whether a failed attempt was the last one the partner's retry policy allows (or the message belongs to no
     * stored certificate and has been tried long enough): then it is dead-lettered instead of rolled back.
     */
    public boolean budgetSpent(Exchange exchange) {
        String messageId = messageId(exchange);
        Optional<CertificateRecord> record = messageId == null ? Optional.empty()
                : store.findWithoutEnvelope(Direction.OUTBOUND, messageId);
        if (record.isEmpty()) {
            return exchange.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class) >= ORPHAN_ATTEMPTS;
        }
        CertificateStore.DeliveryState state = store.deliveryState(messageId).orElseThrow();
        return directory.partner(record.get().partnerId())
                .map(partner -> policy(partner).spent(state.attempts(), state.since(), Instant.now()))
                .orElse(true);
    }

    /**
     * A transient failure with budget left: recorded (transport RETRYING(n), the error, an audit event), then the
     * message is rolled back and the broker holds it for the policy's next delay.
     */
    public void retryLater(Exchange exchange) {
        String messageId = messageId(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = describe(cause, exchange);
        Optional<CertificateRecord> record = messageId == null ? Optional.empty()
                : store.findWithoutEnvelope(Direction.OUTBOUND, messageId);
        if (record.isEmpty()) {
            LOG.warn("message {} not delivered yet (no stored certificate): {}", messageId, error);
            return;
        }
        CertificateStore.DeliveryState state = store.deliveryState(messageId).orElseThrow();
        store.attemptFailed(messageId, TransportStatus.RETRYING.after(state.attempts()), error);
        long delay = directory.partner(record.get().partnerId()).map(p -> policy(p).delayAfter(state.attempts())).orElse(0L);
        audit.record(AuditEvent.DELIVERY_RETRY, subject(record.get(), null), "attempt " + state.attempts()
                + " failed: " + error + "; next attempt in " + delay + " ms");
    }

    /** The retry budget is spent or the partner refused for good: the certificate is FAILED and dead-lettered. */
    public void failed(Exchange exchange) {
        String messageId = messageId(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String last = describe(cause, exchange);
        exchange.getIn().setHeader(LAST_ERROR_HEADER, last.length() > 1000 ? last.substring(0, 1000) : last);
        Optional<CertificateRecord> record = messageId == null ? Optional.empty()
                : store.findWithoutEnvelope(Direction.OUTBOUND, messageId);
        if (record.isEmpty()) {
            LOG.error("message {} belongs to no stored certificate; parked on the dead-letter queue: {}", messageId, last);
            return;
        }
        if (!record.get().status().canMoveTo(LifecycleStatus.FAILED)) {
            // another copy of the message settled the certificate meanwhile: nothing failed
            LOG.info("copy of message {} dropped: certificate {} is already {}", messageId, record.get().certificateId(),
                    record.get().status());
            return;
        }
        store.transition(Direction.OUTBOUND, messageId, LifecycleStatus.FAILED, TransportStatus.FAILED);
        store.attemptFailed(messageId, TransportStatus.FAILED.name(), last);
        audit.record(AuditEvent.FAILED, subject(record.get(), null), "dead-lettered after "
                + store.deliveryState(messageId).map(CertificateStore.DeliveryState::attempts).orElse(0)
                + " attempts; last error: " + last);
    }

    /**
     * The partner's answer as its signature covers it. An answer whose signature does not pass says nothing we can
     * rely on about the certificate, and the partner would answer the same again: an operator must look (FAILED).
     */
    private byte[] verifiedAnswer(byte[] body, String messageId) {
        try {
            return signatures.verified(body == null ? new byte[0] : body);
        } catch (SignatureRejectedException e) {
            throw new PermanentDeliveryException("the partner's answer to message " + messageId
                    + " is refused, its signature does not pass: " + e.getMessage());
        }
    }

    private static String messageId(Exchange exchange) {
        String messageId = exchange.getProperty(MESSAGE_ID, String.class);
        return messageId != null ? messageId : exchange.getIn().getHeader(MESSAGE_ID_HEADER, String.class);
    }

    private RetryPolicy policy(PartnerDefinition partner) {
        return directory.retryPolicy(partner.retryPolicy());
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
}

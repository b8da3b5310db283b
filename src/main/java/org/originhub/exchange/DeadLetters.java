package org.originhub.exchange;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.originhub.api.CertificateNotFoundException;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;
import org.originhub.store.Direction;
import org.originhub.store.LifecycleStatus;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead-letter store and the operator's replay. A certificate whose delivery failed for good is FAILED in the
 * store, with its last error, and its message waits on originhub.delivery.DLQ. A replay puts the stored envelope
 * back on the partner's delivery queue under the same message id (the partner recognises a copy it may already
 * hold), with a fresh retry budget, and takes the parked copy off the DLQ: the row, the audit event naming the
 * operator, the new message and the removal commit together (the broker's commit follows the database's).
 */
public class DeadLetters {

    public static final String DLQ = "originhub.delivery.DLQ";

    private final CertificateStore store;
    private final AuditTrail audit;
    private final JmsTemplate jms;
    private final TransactionTemplate transaction;

    public DeadLetters(CertificateStore store, AuditTrail audit, ConnectionFactory connectionFactory,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.audit = audit;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.jms.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        this.transaction = new TransactionTemplate(transactions);
    }

    public List<CertificateStore.DeadLetter> list() {
        return store.deadLetters();
    }

    /** What a replay did, for the operator's answer. */
    public record Replay(String certificateId, String messageId, String partner, String replayedBy, boolean removedFromDlq) {
    }

    /** Replays the FAILED certificate; refused (409) when it is not FAILED, 404 when it is unknown. */
    public Replay replay(String certificateId, String operator) {
        CertificateRecord failed = store.findByCertificateId(certificateId).stream()
                .filter(r -> r.direction() == Direction.OUTBOUND && r.status() == LifecycleStatus.FAILED)
                .findFirst()
                .orElseThrow(() -> store.findByCertificateId(certificateId).isEmpty()
                        ? new CertificateNotFoundException(certificateId)
                        : new NotReplayableException(certificateId, store.findByCertificateId(certificateId).get(0).status()));
        return transaction.execute(status -> {
            if (!store.replay(failed.messageId())) {
                throw new NotReplayableException(certificateId, LifecycleStatus.ISSUED);
            }
            jms.send("originhub.delivery." + failed.partnerId(), session -> {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(failed.canonicalEnvelope().getBytes(StandardCharsets.UTF_8));
                message.setStringProperty(DeliveryAttempts.MESSAGE_ID_HEADER, failed.messageId());
                return message;
            });
            boolean removed = jms.receiveSelected(DLQ, DeliveryAttempts.MESSAGE_ID_HEADER + " = '"
                    + failed.messageId().replace("'", "''") + "'") != null;
            audit.record(AuditEvent.REPLAYED, AuditTrail.Subject.of(failed, failed.payloadSha256()), "replayed by "
                    + operator + " to " + failed.partnerId() + " (message " + failed.messageId() + ", fresh retry budget)");
            return new Replay(certificateId, failed.messageId(), failed.partnerId(), operator, removed);
        });
    }
}

package org.originhub.exchange;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Start-up recovery of certificates stranded between the two commits of ingest. A certificate is stored and its
 * message queued in one transaction, the database committing first and the broker right after; a hub killed
 * between the two leaves a stored certificate with no message. Before the delivery routes start, every certificate
 * committed but never attempted is looked for on its partner's queue, and one that is not there is queued again
 * (audited as REQUEUED). With an external broker, a message waiting for its redelivery delay is not visible to
 * the check and may be queued a second time. A copy queued twice is harmless: delivery skips a settled certificate, and the partner
 * recognises a certificate it already holds.
 */
public class StrandedCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(StrandedCertificates.class);

    private final CertificateStore store;
    private final AuditTrail audit;
    private final JmsTemplate jms;
    private final EmbeddedActiveMQ broker;

    /** @param broker the embedded broker, whose scheduled messages a browser cannot see; null with an external one */
    public StrandedCertificates(CertificateStore store, AuditTrail audit, ConnectionFactory connectionFactory,
            EmbeddedActiveMQ broker) {
        this.store = store;
        this.audit = audit;
        this.broker = broker;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    /** Answers how many certificates were queued again. */
    public int recover() {
        Map<String, List<CertificateRecord>> byPartner = store.neverAttempted().stream()
                .collect(Collectors.groupingBy(CertificateRecord::partnerId));
        int requeued = 0;
        for (Map.Entry<String, List<CertificateRecord>> partner : byPartner.entrySet()) {
            String queue = "originhub.delivery." + partner.getKey();
            Set<String> queued = messageIdsOn(queue);
            for (CertificateRecord record : partner.getValue()) {
                if (queued.contains(record.messageId())) {
                    continue;
                }
                // audited first: the message may be delivered before this method returns
                audit.record(AuditEvent.REQUEUED, AuditTrail.Subject.of(record, record.payloadSha256()),
                        "stored but not on the queue of " + partner.getKey() + " at start-up: queued again");
                jms.send(queue, session -> {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(record.canonicalEnvelope().getBytes(StandardCharsets.UTF_8));
                    message.setStringProperty(DeliveryAttempts.MESSAGE_ID_HEADER, record.messageId());
                    return message;
                });
                requeued++;
            }
        }
        if (requeued > 0) {
            LOG.warn("{} stored certificate(s) had no delivery message after the last stop: queued again", requeued);
        }
        return requeued;
    }

    private Set<String> messageIdsOn(String queue) {
        Set<String> ids = new HashSet<>();
        jms.browse(queue, (session, browser) -> {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                String id = ((Message) messages.nextElement()).getStringProperty(DeliveryAttempts.MESSAGE_ID_HEADER);
                if (id != null) {
                    ids.add(id);
                }
            }
            return null;
        });
        // A message rolled back before its first attempt (a hub stopping while it was handed to a consumer) waits
        // for its redelivery delay: scheduled, and invisible to a browser. The embedded broker can list those.
        Queue scheduled = broker == null || broker.getActiveMQServer() == null ? null
                : broker.getActiveMQServer().locateQueue(queue);
        if (scheduled != null) {
            for (MessageReference reference : scheduled.getScheduledMessages()) {
                Object id = reference.getMessage().getObjectProperty(DeliveryAttempts.MESSAGE_ID_HEADER);
                if (id != null) {
                    ids.add(id.toString());
                }
            }
        }
        return ids;
    }
}

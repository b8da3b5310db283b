package org.originhub.exchange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.originhub.canonical.CanonicalModel;
import org.originhub.config.HubDirectory;
import org.originhub.config.PartnerDefinition;
import org.originhub.format.NationalFormats;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;
import org.originhub.store.Direction;
import org.originhub.store.LifecycleStatus;
import org.originhub.store.TransportStatus;

/**
 * Scheduled batch exchanges. Certificates for a batched partner wait in the store (transport BATCH_PENDING);
 * at each scheduled time they are sent together as one file, and each is audited and gets its own status. A
 * batch that cannot be sent puts its certificates back to wait for the next run.
 */
public class BatchExchanges {

    public static final String BATCH = "OriginHubBatch";

    private final CertificateStore store;
    private final AuditTrail audit;
    private final CanonicalModel canonical;
    private final NationalFormats formats;
    private final HubDirectory directory;

    public BatchExchanges(CertificateStore store, AuditTrail audit, CanonicalModel canonical, NationalFormats formats,
            HubDirectory directory) {
        this.store = store;
        this.audit = audit;
        this.canonical = canonical;
        this.formats = formats;
        this.directory = directory;
    }

    /** One batch on its way: the file to send and the certificates in it. */
    public record Batch(String id, String partnerId, List<CertificateRecord> certificates, byte[] content, String fileName) {
        public boolean empty() {
            return certificates.isEmpty();
        }
    }

    /** A certificate taken from the partner's queue is kept for the next batch (its row is the durable copy). */
    public void hold(@Header(DeliveryAttempts.MESSAGE_ID_HEADER) String messageId) {
        CertificateRecord record = store.findByMessageId(Direction.OUTBOUND, messageId)
                .orElseThrow(() -> new TransientDeliveryException("certificate for message " + messageId + " is not stored (yet)"));
        if (record.status() != LifecycleStatus.ISSUED) {
            return;
        }
        store.transportStatus(Direction.OUTBOUND, messageId, CertificateStore.BATCH_PENDING);
        PartnerDefinition partner = partner(record.partnerId());
        audit.record(AuditEvent.HELD_FOR_BATCH, subject(record), "for the batch to " + partner.id() + " at '"
                + partner.batch().cron() + "'");
    }

    /** At the scheduled time: every waiting certificate into one batch file (possibly none). */
    public Batch collect(@ExchangeProperty("OriginHubPartnerId") String partnerId,
            @Header("scheduledFireTime") Date scheduled, Exchange exchange) {
        PartnerDefinition partner = partner(partnerId);
        List<CertificateRecord> waiting = store.waitingForBatch(partnerId);
        String id = UUID.randomUUID().toString();
        store.batchRun(partnerId, waiting.isEmpty() ? null : id, scheduled == null ? null : scheduled.toInstant(),
                Instant.now(), waiting.size());
        if (waiting.isEmpty()) {
            return new Batch(id, partnerId, waiting, new byte[0], null);
        }
        String format = partner.batch().format() == null ? PartnerDefinition.CANONICAL : partner.batch().format();
        boolean canonicalFormat = PartnerDefinition.CANONICAL.equals(format);
        byte[] content;
        if (canonicalFormat) {
            content = canonicalBatch(id, partner, waiting);
        } else {
            List<Rendered> rendered = rendered(format, waiting);
            waiting = rendered.stream().map(Rendered::record).toList();
            if (waiting.isEmpty()) {
                return new Batch(id, partnerId, waiting, new byte[0], null);
            }
            content = nationalBatch(rendered);
        }
        String extension = canonicalFormat ? "xml" : formats.descriptor(format).fileExtension();
        for (CertificateRecord record : waiting) {
            store.transition(Direction.OUTBOUND, record.messageId(), LifecycleStatus.TRANSMITTED, TransportStatus.BATCHED);
            audit.record(AuditEvent.BATCHED, subject(record), "in batch " + id + " of " + waiting.size() + " to "
                    + partner.id() + " as " + format);
        }
        Batch batch = new Batch(id, partnerId, waiting, content, "batch-" + partnerId + "-" + id + "." + extension);
        exchange.setProperty(BATCH, batch);
        return batch;
    }

    /** The batch file reached the partner: every certificate in it is DELIVERED. */
    public void sent(@ExchangeProperty(BATCH) Batch batch) {
        PartnerDefinition partner = partner(batch.partnerId());
        for (CertificateRecord record : batch.certificates()) {
            store.transition(Direction.OUTBOUND, record.messageId(), LifecycleStatus.DELIVERED, TransportStatus.DELIVERED);
            audit.record(AuditEvent.DELIVERED, subject(record), "in batch " + batch.id() + " as " + batch.fileName()
                    + " to " + partner.address());
        }
    }

    /** The batch could not be sent: its certificates wait for the next run, and the history says why. */
    public void failed(@ExchangeProperty(BATCH) Batch batch, Exchange exchange) {
        if (batch == null) {
            return;
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (CertificateRecord record : batch.certificates()) {
            store.transportStatus(Direction.OUTBOUND, record.messageId(), CertificateStore.BATCH_PENDING);
            audit.record(AuditEvent.DELIVERY_RETRY, subject(record), "batch " + batch.id() + " not sent, kept for the"
                    + " next run: " + (cause == null ? "unknown error" : cause.getMessage()));
        }
    }

    private byte[] canonicalBatch(String id, PartnerDefinition partner, List<CertificateRecord> records) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch xmlns=\"")
                .append(CanonicalModel.NAMESPACE).append("\"><BatchID>").append(id).append("</BatchID><SenderID>")
                .append(senderOf(records.get(0))).append("</SenderID><ReceiverID>").append(partner.partyId())
                .append("</ReceiverID><CreatedDateTime>")
                .append(OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS)).append("</CreatedDateTime>");
        for (CertificateRecord record : records) {
            // the envelope exactly as stored (and as it would have been sent alone), without its XML declaration
            xml.append(record.canonicalEnvelope().replaceFirst("^<\\?xml[^>]*\\?>\\s*", ""));
        }
        return xml.append("</Batch>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A certificate of a national batch and its text in the partner's format. */
    private record Rendered(CertificateRecord record, byte[] text) {
    }

    /**
     * The certificates the partner's batch format can express, each rendered once; any other is FAILED with the
     * reason, alone, rather than holding the whole batch back at every run.
     */
    private List<Rendered> rendered(String format, List<CertificateRecord> records) {
        List<Rendered> kept = new ArrayList<>();
        for (CertificateRecord record : records) {
            try {
                kept.add(new Rendered(record,
                        formats.fromEnvelope(format, record.canonicalEnvelope().getBytes(StandardCharsets.UTF_8))));
            } catch (IllegalArgumentException e) {
                store.transition(Direction.OUTBOUND, record.messageId(), LifecycleStatus.FAILED, TransportStatus.FAILED);
                audit.record(AuditEvent.FAILED, subject(record), "cannot be written as " + format + " for the batch: "
                        + e.getMessage());
            }
        }
        return kept;
    }

    /** The national documents one after the other: the formats batch by concatenation (kr-csv's H/I records). */
    private static byte[] nationalBatch(List<Rendered> rendered) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        rendered.forEach(certificate -> text.writeBytes(certificate.text()));
        return text.toByteArray();
    }

    private String senderOf(CertificateRecord record) {
        return canonical.readEnvelope(record.canonicalEnvelope().getBytes(StandardCharsets.UTF_8)).getSenderID();
    }

    private PartnerDefinition partner(String id) {
        return directory.partner(id).orElseThrow(() -> new IllegalStateException("partner " + id + " is no longer configured"));
    }

    private static AuditTrail.Subject subject(CertificateRecord record) {
        return AuditTrail.Subject.of(record, null);
    }
}

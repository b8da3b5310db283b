package org.originhub.ingest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.originhub.config.HubDirectory;
import org.originhub.config.SourceDefinition;
import org.originhub.format.HubError;
import org.originhub.format.NationalCertificate;
import org.originhub.format.NationalDocumentException;
import org.originhub.format.NationalFormats;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.Direction;
import org.originhub.store.Sha256;

/**
 * The document-level stages of ingest: the size limit, then the secure parse and national check that
 * split a document into certificates. An unreadable document still yields one (rejected) work item, so
 * that every submission is answered and audited the same way.
 */
public class DocumentIntake {

    public static final String SOURCE = "OriginHubSourceId";
    public static final String CHANNEL = "OriginHubChannel";
    /** Set by a channel that knows, before anything reads it, that the document cannot be taken: why. */
    public static final String UNREADABLE = "OriginHubUnreadable";

    private final NationalFormats formats;
    private final HubDirectory directory;
    private final AuditTrail audit;
    private final SizeLimit limit;

    public DocumentIntake(NationalFormats formats, HubDirectory directory, AuditTrail audit, long maxBytes) {
        this.formats = formats;
        this.directory = directory;
        this.audit = audit;
        this.limit = new SizeLimit(maxBytes);
    }

    /** Refuses an unknown source and, before anything reads it, a document declared larger than the limit (413). */
    public void admit(String sourceId, Long declaredLength) {
        directory.source(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId));
        limit.checkDeclared(declaredLength);
    }

    /**
     * Reads the document up to the size limit, then the secure parse and national check: one work item per
     * certificate it holds. A document over the limit is not read further and never parsed; it is answered like an
     * unreadable one (E001), so every channel reports it the way it reports any refusal, instead of failing the
     * message or file (which a JMS queue would redeliver).
     */
    public List<WorkItem> read(InputStream body, @ExchangeProperty(SOURCE) String sourceId,
            @ExchangeProperty(CHANNEL) String channel, @ExchangeProperty(UNREADABLE) String unreadable) {
        SourceDefinition source = directory.source(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId));
        byte[] document = null;
        List<NationalCertificate> certificates;
        try {
            if (unreadable != null) {
                throw new NationalDocumentException(HubError.schema("document", unreadable));
            }
            document = limit.read(body);
            certificates = formats.read(source.format(), document);
        } catch (DocumentTooLargeException e) {
            certificates = List.of(new NationalCertificate(source.format(), 0, null, null, null,
                    List.of(HubError.schema("document", e.getMessage()))));
        } catch (NationalDocumentException e) {
            certificates = List.of(new NationalCertificate(source.format(), 0, null, null, null, e.errors()));
        }
        String sha256 = document == null ? null : Sha256.of(document);
        List<WorkItem> items = new ArrayList<>(certificates.size());
        for (NationalCertificate certificate : certificates) {
            audit.record(AuditEvent.RECEIVED, new AuditTrail.Subject(Direction.OUTBOUND, certificate.certificateId(),
                    null, sourceId, null, sha256), "via " + channel + " in " + source.format()
                    + (certificate.line() == null ? "" : ", line " + certificate.line()));
            items.add(new WorkItem(sourceId, channel, certificate));
        }
        return items;
    }

    public IntakeReport report(List<CertificateOutcome> outcomes, @ExchangeProperty(SOURCE) String sourceId) {
        // the document is answered: no certificate id may linger in this thread's log context
        org.slf4j.MDC.remove(AuditTrail.MDC_CERTIFICATE);
        return IntakeReport.of(sourceId, outcomes);
    }
}

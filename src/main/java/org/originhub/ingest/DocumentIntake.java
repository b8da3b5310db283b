package org.originhub.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.originhub.config.HubDirectory;
import org.originhub.config.SourceDefinition;
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

    private final NationalFormats formats;
    private final HubDirectory directory;
    private final AuditTrail audit;
    private final long maxBytes;

    public DocumentIntake(NationalFormats formats, HubDirectory directory, AuditTrail audit, long maxBytes) {
        this.formats = formats;
        this.directory = directory;
        this.audit = audit;
        this.maxBytes = maxBytes;
    }

    /** Refuses an unknown source and, before anything parses it, a document over the size limit. */
    public void admit(String sourceId, Long declaredLength) {
        directory.source(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId));
        if (declaredLength != null && declaredLength > maxBytes) {
            throw new DocumentTooLargeException(declaredLength, maxBytes);
        }
    }

    public void checkSize(byte[] document) {
        if (document.length > maxBytes) {
            throw new DocumentTooLargeException(document.length, maxBytes);
        }
    }

    /** Secure parse + national check: one work item per certificate the document holds. */
    public List<WorkItem> read(byte[] document, @ExchangeProperty(SOURCE) String sourceId,
            @ExchangeProperty(CHANNEL) String channel) {
        checkSize(document);
        SourceDefinition source = directory.source(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId));
        String sha256 = Sha256.of(document);
        List<NationalCertificate> certificates;
        try {
            certificates = formats.read(source.format(), document);
        } catch (NationalDocumentException e) {
            certificates = List.of(new NationalCertificate(source.format(), 0, null, null, null, e.errors()));
        }
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

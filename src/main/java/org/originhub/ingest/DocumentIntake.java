package org.originhub.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.originhub.config.HubDirectory;
import org.originhub.config.SourceDefinition;
import org.originhub.format.HubError;
import org.originhub.format.NationalCertificate;
import org.originhub.format.NationalDocumentException;
import org.originhub.format.NationalFormats;
import org.originhub.store.AuditTrail;
import org.originhub.store.Sha256;

/**
 * The document-level stages of ingest: the size limit, then the secure parse and national check that
 * split a document into certificates, a batch file one certificate at a time. An unreadable document still yields
 * one (rejected) work item, so that every submission is answered and audited the same way.
 */
public class DocumentIntake {

    public static final String SOURCE = "OriginHubSourceId";
    public static final String CHANNEL = "OriginHubChannel";
    /** Set by a channel that knows, before anything reads it, that the document cannot be taken: why. */
    public static final String UNREADABLE = "OriginHubUnreadable";
    /**
     * Set by the channels that receive files (file drop, SFTP): where the document is on the hub's disk, as the
     * channel's consumer found or downloaded it. A batch file is read from there as a stream.
     */
    public static final String DOCUMENT_FILE = "OriginHubDocumentFile";

    private final NationalFormats formats;
    private final HubDirectory directory;
    private final AuditTrail audit;
    private final SizeLimit limit;
    private final long maxBatchBytes;

    /**
     * @param maxBytes the largest document read into memory (originhub.ingest.max-bytes)
     * @param maxBatchBytes the largest batch file read from disk as a stream (originhub.ingest.max-batch-bytes)
     */
    public DocumentIntake(NationalFormats formats, HubDirectory directory, AuditTrail audit, long maxBytes,
            long maxBatchBytes) {
        this.formats = formats;
        this.directory = directory;
        this.audit = audit;
        this.limit = new SizeLimit(maxBytes);
        this.maxBatchBytes = maxBatchBytes;
    }

    /** Refuses an unknown source and, before anything reads it, a document declared larger than the limit (413). */
    public void admit(String sourceId, Long declaredLength) {
        directory.source(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId));
        limit.checkDeclared(declaredLength);
    }

    /**
     * The work items of the document, one per certificate it holds, made one at a time as the split asks for them:
     * the secure parse and national check, and each certificate's RECEIVED row. A batch format (kr-csv) given as a
     * local file ({@link #DOCUMENT_FILE}: file drop, SFTP) is read from the file twice, to hash it and then for its
     * certificates, never whole, up to {@code originhub.ingest.max-batch-bytes}. Anything else is read into memory up
     * to {@code originhub.ingest.max-bytes}; a batch format is then still checked one certificate at a time.
     * A document over its limit is not read further and never parsed; it is answered like an unreadable one (E001),
     * so every channel reports it the way it reports any refusal, instead of failing the message or file (which a JMS
     * queue would redeliver).
     */
    public Iterator<WorkItem> read(Message message, @ExchangeProperty(SOURCE) String sourceId,
            @ExchangeProperty(CHANNEL) String channel, @ExchangeProperty(UNREADABLE) String unreadable,
            @ExchangeProperty(DOCUMENT_FILE) String documentFile) {
        SourceDefinition source = directory.source(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId));
        String format = source.format();
        try {
            if (unreadable != null) {
                throw new NationalDocumentException(HubError.schema("document", unreadable));
            }
            return documentFile != null && formats.streams(format) ? readFile(Path.of(documentFile), sourceId, channel, format)
                    : readInMemory(message, sourceId, channel, format);
        } catch (DocumentTooLargeException e) {
            return refused(sourceId, channel, format, List.of(HubError.schema("document", e.getMessage())));
        } catch (NationalDocumentException e) {
            return refused(sourceId, channel, format, e.errors());
        }
    }

    /** A batch file on the hub's disk: its size checked, hashed in a first pass, then read one certificate at a time. */
    private ReceivedItems readFile(Path file, String sourceId, String channel, String format) {
        try {
            long size = Files.size(file);
            if (size > maxBatchBytes) {
                throw new DocumentTooLargeException(size, maxBatchBytes);
            }
            ReceivedItems.Document received = new ReceivedItems.Document(sourceId, channel, format, Sha256.of(file));
            return new ReceivedItems(received, formats.stream(format, Files.newInputStream(file)), audit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
    }

    /** The body up to max-bytes; a batch format is still checked one certificate at a time, as the split asks. */
    private ReceivedItems readInMemory(Message message, String sourceId, String channel, String format) {
        InputStream body = message.getBody(InputStream.class);
        byte[] document = body == null ? new byte[0] : limit.read(body);
        ReceivedItems.Document received = new ReceivedItems.Document(sourceId, channel, format, Sha256.of(document));
        if (formats.streams(format)) {
            return new ReceivedItems(received, formats.stream(format, new ByteArrayInputStream(document)), audit);
        }
        List<NationalCertificate> certificates;
        try {
            certificates = formats.read(format, document);
        } catch (NationalDocumentException e) {
            certificates = List.of(unreadable(format, e.errors()));
        }
        return new ReceivedItems(received, certificates, audit);
    }

    /** A document refused before it was read: nothing of it is hashed. */
    private ReceivedItems refused(String sourceId, String channel, String format, List<HubError> errors) {
        return new ReceivedItems(new ReceivedItems.Document(sourceId, channel, format, null),
                List.of(unreadable(format, errors)), audit);
    }

    /** The one (rejected) certificate of a document nothing could be taken from. */
    static NationalCertificate unreadable(String format, List<HubError> errors) {
        return new NationalCertificate(format, 0, null, null, null, errors);
    }

    public IntakeReport report(List<CertificateOutcome> outcomes, @ExchangeProperty(SOURCE) String sourceId) {
        // the document is answered: no certificate id may linger in this thread's log context
        org.slf4j.MDC.remove(AuditTrail.MDC_CERTIFICATE);
        return IntakeReport.of(sourceId, outcomes);
    }
}

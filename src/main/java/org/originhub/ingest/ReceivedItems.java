package org.originhub.ingest;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.originhub.format.CertificateStream;
import org.originhub.format.NationalCertificate;
import org.originhub.format.NationalDocumentException;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.Direction;

/**
 * The work items of one received document, made one at a time as the split asks for them, each certificate's
 * RECEIVED row staged on its item when it is made (written with the certificate's outcome): of a batch file only the
 * certificate in hand is in memory. A fault of the whole document found on the way (the file holds no certificate
 * record) becomes one rejected item, like any unreadable document. Closing it closes the document being read (the split does, when it is done or fails).
 */
final class ReceivedItems implements Iterator<WorkItem>, Closeable {

    /**
     * What every RECEIVED row of the document says.
     *
     * @param sha256 the hash of the whole document as received, or null when it was not read (over the limit)
     */
    record Document(String sourceId, String channel, String formatId, String sha256) {
    }

    private final Document document;
    private final AuditTrail audit;
    private final CertificateStream stream;
    private Iterator<NationalCertificate> certificates;

    /** Of a batch file read as a stream. */
    ReceivedItems(Document document, CertificateStream stream, AuditTrail audit) {
        this.document = document;
        this.audit = audit;
        this.stream = stream;
        this.certificates = stream;
    }

    /** Of a document already read whole (XML, JSON, or one refused before it was read). */
    ReceivedItems(Document document, List<NationalCertificate> certificates, AuditTrail audit) {
        this.document = document;
        this.audit = audit;
        this.stream = null;
        this.certificates = certificates.iterator();
    }

    @Override
    public boolean hasNext() {
        try {
            return certificates.hasNext();
        } catch (NationalDocumentException e) {
            certificates = List.of(DocumentIntake.unreadable(document.formatId(), e.errors())).iterator();
            return true;
        }
    }

    @Override
    public WorkItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        NationalCertificate certificate = certificates.next();
        WorkItem item = new WorkItem(document.sourceId(), document.channel(), certificate);
        item.staged(audit.stage(AuditEvent.RECEIVED, new AuditTrail.Subject(Direction.OUTBOUND,
                certificate.certificateId(), null, document.sourceId(), null, document.sha256()), "via "
                + document.channel() + " in " + document.formatId()
                + (certificate.line() == null ? "" : ", line " + certificate.line())));
        return item;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}

package org.originhub.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLStreamException;
import net.sf.saxon.s9api.BuildingStreamWriter;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;

/**
 * A delimited batch file (RFC 4180 quoting, configurable separator) into one XML tree per certificate:
 * {@code <csv-certificate format=".." line=".."><H line=".."><CO_NO>..</CO_NO>..</H><I line="..">..</I></csv-certificate>},
 * fields named after the layout in the format descriptor. Each certificate stands or falls on its own: a record
 * with the wrong field count, an unknown type or broken quoting fails only the certificate it belongs to, with its
 * line number. The file is read as a stream: a certificate is complete when the next certificate record or the end
 * of the file comes, and only that certificate is in memory.
 */
final class CsvDocumentReader implements StreamingDocumentReader {

    /** Further errors of one certificate are counted, not listed: a file of garbage must not fill memory with them. */
    static final int MAX_ERRORS = 100;
    /**
     * A certificate's records beyond this many characters are not kept (999 goods items, the most the canonical model
     * takes, are about 200 000): without a bound, one certificate record followed by a whole file of item records
     * would be held in memory as one certificate.
     */
    static final int MAX_CERTIFICATE_CHARS = 4 << 20;

    private final String formatId;
    private final FormatDescriptor.Csv layout;
    private final DocumentBuilder builder;
    private final CertificateIdLocator ids;

    CsvDocumentReader(String formatId, FormatDescriptor.Csv layout, DocumentBuilder builder, CertificateIdLocator ids) {
        this.formatId = formatId;
        this.layout = layout;
        this.builder = builder;
        this.ids = ids;
    }

    @Override
    public List<NationalCertificate> read(byte[] document) {
        List<NationalCertificate> certificates = new ArrayList<>();
        try (CertificateStream stream = stream(new ByteArrayInputStream(document))) {
            stream.forEachRemaining(certificates::add);
        }
        return certificates;
    }

    @Override
    public CertificateStream stream(InputStream document) {
        // malformed UTF-8 becomes U+FFFD, as it did when the whole file was decoded at once
        return new Certificates(new DelimitedRecords(new InputStreamReader(document, StandardCharsets.UTF_8),
                layout.delimiter().charAt(0), layout.commentMarker() == null ? null : layout.commentMarker().charAt(0)));
    }

    /** The certificates of one file, each made when the record after its last one has been read. */
    private final class Certificates implements CertificateStream {

        private final DelimitedRecords records;
        /** The certificate being read; before the first certificate record, the records that belong to none. */
        private Group current;
        private NationalCertificate next;
        private int started;
        private boolean produced;
        private boolean ended;

        Certificates(DelimitedRecords records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public NationalCertificate next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            NationalCertificate certificate = next;
            next = null;
            return certificate;
        }

        private NationalCertificate advance() {
            while (true) {
                DelimitedRecords.Record record = read();
                if (record == null) {
                    ended = true;
                    close();
                    if (current != null) {
                        return complete(current);
                    }
                    if (!produced) {
                        throw new NationalDocumentException(HubError.schema("document", "the file holds no "
                                + layout.certificateRecord() + " record"));
                    }
                    return null;
                }
                List<String> fields = record.fields();
                String type = fields.isEmpty() ? null : fields.get(0).trim();
                if (layout.certificateRecord().equals(type)) {
                    Group done = current;
                    current = new Group(++started, record.line());
                    current.add(record, type);
                    if (done != null) {
                        return complete(done);
                    }
                } else {
                    if (current == null) {
                        current = new Group(0, record.line());
                    }
                    current.add(record, type);
                }
            }
        }

        private DelimitedRecords.Record read() {
            try {
                return records.next();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the delimited file", e);
            }
        }

        private NationalCertificate complete(Group group) {
            produced = true;
            if (group.index == 0) {
                return new NationalCertificate(formatId, 0, group.firstLine, null, null, group.findings());
            }
            XdmNode tree = toTree(group);
            return new NationalCertificate(formatId, group.index, group.firstLine, ids.find(tree), tree, group.findings());
        }

        @Override
        public void close() {
            try {
                records.close();
            } catch (IOException e) {
                // read to the end or abandoned: nothing of the file is needed any more
            }
        }
    }

    /** The records of one certificate as they are read; index 0 holds the records before the first certificate record. */
    private final class Group {

        final int index;
        final int firstLine;
        final List<List<String>> records = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
        private final List<HubError> errors = new ArrayList<>();
        private int unlisted;
        private int firstUnlisted;
        private long chars;
        private boolean oversize;

        Group(int index, int firstLine) {
            this.index = index;
            this.firstLine = firstLine;
        }

        void add(DelimitedRecords.Record record, String type) {
            int line = record.line();
            List<String> layoutFields = type == null ? null : layout.records().get(type);
            if (record.problem() != null) {
                error(line, record.problem());
            } else if (index == 0) {
                error(line, "record '" + type + "' before the first " + layout.certificateRecord() + " record");
            } else if (layoutFields == null) {
                error(line, "unknown record type '" + type + "'");
            } else if (record.fields().size() != layoutFields.size() + 1) {
                error(line, "record " + type + " has " + (record.fields().size() - 1) + " fields, the layout has "
                        + layoutFields.size());
            } else if ((chars += record.chars()) > MAX_CERTIFICATE_CHARS) {
                if (!oversize) {
                    oversize = true;
                    error(line, "the certificate is longer than " + MAX_CERTIFICATE_CHARS + " characters; its records"
                            + " from this line on were not kept");
                }
            } else {
                records.add(record.fields());
                lines.add(line);
            }
        }

        private void error(int line, String message) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(HubError.schema("line " + line, message));
            } else if (unlisted++ == 0) {
                firstUnlisted = line;
            }
        }

        List<HubError> findings() {
            if (unlisted == 0) {
                return List.copyOf(errors);
            }
            List<HubError> all = new ArrayList<>(errors);
            all.add(HubError.schema("line " + firstUnlisted, unlisted + " more errors from this line on are not listed"));
            return List.copyOf(all);
        }
    }

    private XdmNode toTree(Group group) {
        try {
            BuildingStreamWriter writer = builder.newBuildingStreamWriter();
            writer.writeStartDocument();
            writer.writeStartElement("csv-certificate");
            writer.writeAttribute("format", formatId);
            writer.writeAttribute("line", Integer.toString(group.firstLine));
            for (int r = 0; r < group.records.size(); r++) {
                List<String> record = group.records.get(r);
                String type = record.get(0).trim();
                writer.writeStartElement(type);
                writer.writeAttribute("line", Integer.toString(group.lines.get(r)));
                List<String> fields = layout.records().get(type);
                for (int f = 0; f < fields.size(); f++) {
                    writer.writeStartElement(fields.get(f));
                    writer.writeCharacters(record.get(f + 1));
                    writer.writeEndElement();
                }
                writer.writeEndElement();
            }
            writer.writeEndElement();
            writer.writeEndDocument();
            return writer.getDocumentNode();
        } catch (XMLStreamException | SaxonApiException e) {
            throw new IllegalStateException("cannot build the record tree", e);
        }
    }
}

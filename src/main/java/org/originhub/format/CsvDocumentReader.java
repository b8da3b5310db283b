package org.originhub.format;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import net.sf.saxon.s9api.BuildingStreamWriter;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A delimited batch file (RFC 4180 quoting, configurable separator) into one XML tree per certificate:
 * {@code <csv-certificate format=".." line=".."><H line=".."><CO_NO>..</CO_NO>..</H><I line="..">..</I></csv-certificate>},
 * fields named after the layout in the format descriptor. Each certificate stands or falls on its own:
 * a record with the wrong field count fails only the certificate it belongs to, with its line number.
 */
final class CsvDocumentReader implements DocumentReader {

    private final String formatId;
    private final FormatDescriptor.Csv layout;
    private final CSVFormat csvFormat;
    private final DocumentBuilder builder;
    private final CertificateIdLocator ids;

    CsvDocumentReader(String formatId, FormatDescriptor.Csv layout, DocumentBuilder builder, CertificateIdLocator ids) {
        this.formatId = formatId;
        this.layout = layout;
        this.builder = builder;
        this.ids = ids;
        this.csvFormat = CSVFormat.RFC4180.builder()
                .setDelimiter(layout.delimiter())
                .setCommentMarker(layout.commentMarker() == null ? null : layout.commentMarker().charAt(0))
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get();
    }

    /** The records of one certificate, as collected while reading. */
    private static final class Group {
        final List<CSVRecord> records = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
        final List<HubError> errors = new ArrayList<>();
        final int firstLine;

        Group(int firstLine) {
            this.firstLine = firstLine;
        }
    }

    @Override
    public List<NationalCertificate> read(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        LineIndex lines = new LineIndex(text);
        List<Group> groups = new ArrayList<>();
        Group orphans = null;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(csvFormat).get()) {
            for (CSVRecord record : parser) {
                int line = lines.recordLine(record.getCharacterPosition(), text, layout.commentMarker());
                String type = record.get(0).trim();
                if (type.equals(layout.certificateRecord())) {
                    groups.add(new Group(line));
                } else if (groups.isEmpty()) {
                    if (orphans == null) {
                        orphans = new Group(line);
                    }
                    orphans.errors.add(HubError.schema("line " + line, "record '" + type + "' before the first "
                            + layout.certificateRecord() + " record"));
                    continue;
                }
                Group group = groups.get(groups.size() - 1);
                List<String> fields = layout.records().get(type);
                if (fields == null) {
                    group.errors.add(HubError.schema("line " + line, "unknown record type '" + type + "'"));
                } else if (record.size() != fields.size() + 1) {
                    group.errors.add(HubError.schema("line " + line, "record " + type + " has " + (record.size() - 1)
                            + " fields, the layout has " + fields.size()));
                } else {
                    group.records.add(record);
                    group.lines.add(line);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new NationalDocumentException(HubError.schema("document", "unreadable delimited file: " + e.getMessage()));
        }
        List<NationalCertificate> certificates = new ArrayList<>();
        if (orphans != null) {
            certificates.add(new NationalCertificate(formatId, 0, orphans.firstLine, null, null, orphans.errors));
        }
        for (int i = 0; i < groups.size(); i++) {
            Group group = groups.get(i);
            XdmNode tree = toTree(group);
            certificates.add(new NationalCertificate(formatId, i + 1, group.firstLine, ids.find(tree), tree,
                    List.copyOf(group.errors)));
        }
        if (certificates.isEmpty()) {
            throw new NationalDocumentException(HubError.schema("document", "the file holds no "
                    + layout.certificateRecord() + " record"));
        }
        return certificates;
    }

    private XdmNode toTree(Group group) {
        try {
            BuildingStreamWriter writer = builder.newBuildingStreamWriter();
            writer.writeStartDocument();
            writer.writeStartElement("csv-certificate");
            writer.writeAttribute("format", formatId);
            writer.writeAttribute("line", Integer.toString(group.firstLine));
            for (int r = 0; r < group.records.size(); r++) {
                CSVRecord record = group.records.get(r);
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

    /** Maps a character offset to its 1-based line number. */
    private static final class LineIndex {
        private final int[] starts;

        LineIndex(String text) {
            int[] found = new int[16];
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = i + 1;
                }
            }
            starts = Arrays.copyOf(found, count);
        }

        int lineOf(long offset) {
            int index = Arrays.binarySearch(starts, (int) offset);
            return index >= 0 ? index + 1 : -index - 1;
        }

        /**
         * The line a record is on. The parser reports where it started reading, which is before any comment or
         * blank lines it skipped, so those are stepped over here.
         */
        int recordLine(long offset, String text, String commentMarker) {
            int line = lineOf(offset);
            while (line < starts.length) {
                int start = starts[line - 1];
                int end = starts[line] - 1;
                String content = text.substring(start, end).strip();
                if (!content.isEmpty() && (commentMarker == null || !content.startsWith(commentMarker))) {
                    break;
                }
                line++;
            }
            return line;
        }
    }
}

package org.originhub.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kr-csv read as a stream (NationalFormats.stream): the certificates of a batch one at a time, with the line numbers,
 * quoting and refusals the whole-file read had, and a file of any length never held in memory.
 */
class KrCsvStreamingTest {

    private static NationalFormats formats;

    @BeforeAll
    static void load() {
        formats = NationalFormats.fromProjectDirectories();
    }

    private static String h(String id) {
        return "H;" + id + ";20250512;AKFTA;AK;KR-KCS;KCS;EXP;;Addr;Busan;KOR;CNE;Addr;Jakarta;IDN;;SEA;;;;;;";
    }

    private static String i(String id, int item) {
        return "I;" + id + ";" + item + ";720851;STEEL;A;;;;;;;;;;";
    }

    private static List<NationalCertificate> stream(String file) {
        List<NationalCertificate> certificates = new ArrayList<>();
        try (CertificateStream stream = formats.stream("kr-csv",
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))) {
            stream.forEachRemaining(certificates::add);
        }
        return certificates;
    }

    private static List<String> errors(NationalCertificate certificate) {
        return certificate.errors().stream().map(e -> e.code() + " " + e.field() + ": " + e.message()).toList();
    }

    private static String value(NationalCertificate certificate, String path) throws Exception {
        XdmNode tree = certificate.source();
        return new Processor(tree.getUnderlyingNode().getConfiguration()).newXPathCompiler().evaluateSingle(path, tree)
                .getStringValue();
    }

    @Test
    void streamedBatchNamesEachCertificateAndEveryErrorByItsLine() throws Exception {
        String file = "\uFEFF# batch with a BOM, CRLF line ends, quoting, an orphan and bad records\r\n"     // 1
                + i("KR-X", 1) + "\r\n"                                                                       // 2: orphan
                + "\r\n"                                                                                      // 3
                + "H;KR-S-1;20250512;AKFTA;AK;KR-KCS;KCS;\"EXP; \"\"ONE\"\"\";;Addr;Busan;KOR;CNE;\"Line one\r\n" // 4
                + "line two\";Jakarta;IDN;;SEA;;;;;;\r\n"                                                     // 5
                + i("KR-S-1", 1) + "\r\n"                                                                     // 6
                + "# a comment between records\r\n"                                                           // 7
                + "X;KR-S-1;unknown\r\n"                                                                      // 8
                + "   \r\n"                                                                                   // 9: blanks
                + h("KR-S-2") + "\r\n"                                                                        // 10
                + "I;KR-S-2;1;720851;STEEL;A;;;;;;;;;\r\n"                                                    // 11: 14 fields
                + h("KR-S-3") + "\r\n"                                                                        // 12
                + i("KR-S-3", 1);                                                                             // 13, no line end

        List<NationalCertificate> certificates = stream(file);

        assertEquals(4, certificates.size());
        NationalCertificate orphans = certificates.get(0);
        assertEquals(0, orphans.index());
        assertEquals(2, orphans.line());
        assertNull(orphans.certificateId());
        assertEquals(List.of("E001 line 2: record 'I' before the first H record"), errors(orphans));

        NationalCertificate first = certificates.get(1);
        assertEquals(List.of(1, 4, "KR-S-1"), List.of(first.index(), first.line(), first.certificateId()));
        assertEquals(List.of("E001 line 8: unknown record type 'X'"), errors(first));
        assertEquals("EXP; \"ONE\"", value(first, "/csv-certificate/H/EXP_NAME"));
        assertEquals("Line one\r\nline two", value(first, "/csv-certificate/H/CNE_ADDR"));
        assertEquals("6", value(first, "/csv-certificate/I/@line"));

        NationalCertificate second = certificates.get(2);
        assertEquals(List.of(2, 10, "KR-S-2"), List.of(second.index(), second.line(), second.certificateId()));
        assertEquals(List.of("E001 line 11: record I has 14 fields, the layout has 15"), errors(second));

        NationalCertificate third = certificates.get(3);
        assertEquals(List.of(3, 12, "KR-S-3"), List.of(third.index(), third.line(), third.certificateId()));
        assertTrue(third.passedNationalCheck(), third.errors()::toString);
        assertEquals("13", value(third, "/csv-certificate/I/@line"));
        assertTrue(formats.toCanonical(third).ok());
    }

    @Test
    void certificatesAreReadOneAtATimeFromAFileThatNeverEnds() {
        EndlessBatch endless = new EndlessBatch();
        try (CertificateStream stream = formats.stream("kr-csv", endless)) {
            for (int n = 1; n <= 3; n++) {
                NationalCertificate certificate = stream.next();
                assertEquals("KR-E-" + n, certificate.certificateId());
                assertTrue(certificate.passedNationalCheck(), certificate.errors()::toString);
            }
        }
        // the fourth certificate record, and a buffer's worth after it: not the file
        assertTrue(endless.read < 64 * 1024, endless.read + " bytes read");
    }

    @Test
    void quoteNeverClosedKeepsTheCertificatesBeforeItAndSaysWhereReadingEnded() {
        String file = h("KR-Q-1") + "\n"                                   // 1
                + i("KR-Q-1", 1) + "\n"                                     // 2
                + h("KR-Q-2") + "\n"                                        // 3
                + "I;KR-Q-2;1;720851;\"STEEL;A;;;;;;;;;;\n"                 // 4: the quote opens
                + h("KR-Q-3") + "\n"                                        // 5
                + i("KR-Q-3", 1) + "\n";                                    // 6

        List<NationalCertificate> certificates = stream(file);

        assertEquals(2, certificates.size(), certificates::toString);
        assertTrue(certificates.get(0).passedNationalCheck());
        assertEquals("KR-Q-1", certificates.get(0).certificateId());
        assertEquals("KR-Q-2", certificates.get(1).certificateId());
        assertEquals(List.of("E001 line 4: field 5 opens a quote that is never closed: the rest of the file, to line 6,"
                + " was read as part of it"), errors(certificates.get(1)));
    }

    @Test
    void recordLongerThanTheCapEndsReadingWithACodedErrorAndKeepsTheCertificatesBefore() {
        StringBuilder file = new StringBuilder(h("KR-L-1") + "\n" + i("KR-L-1", 1) + "\n"    // 1, 2
                + h("KR-L-2") + "\n" + "I;KR-L-2;1;720851;\"STEEL\n");                         // 3, 4: the quote opens
        String filler = "x".repeat(99) + "\n";
        for (int n = 0; n < 11_000; n++) {                                                    // 5.. about 1.1 MB
            file.append(filler);
        }
        file.append("\";A;;;;;;;;;;\n").append(h("KR-L-3")).append('\n').append(i("KR-L-3", 1)).append('\n');

        List<NationalCertificate> certificates = stream(file.toString());

        assertEquals(2, certificates.size());
        assertTrue(certificates.get(0).passedNationalCheck());
        NationalCertificate cut = certificates.get(1);
        assertEquals("KR-L-2", cut.certificateId());
        assertEquals(1, cut.errors().size());
        assertEquals("line 4", cut.errors().get(0).field());
        assertTrue(cut.errors().get(0).message().startsWith("the record is longer than 1048576 characters (a quote that"
                + " is never closed?); the file was not read after line "), cut.errors()::toString);
    }

    @Test
    void characterAfterAClosingQuoteSpoilsOnlyItsOwnCertificate() {
        String file = h("KR-C-1") + "\n" + i("KR-C-1", 1) + "\n"                             // 1, 2
                + h("KR-C-2") + "\n" + "I;KR-C-2;1;720851;\"STEEL\"X;A;;;;;;;;;;\n"          // 3, 4
                + "H;\"KR-C-3\"x;20250512;AKFTA;AK;KR-KCS;KCS;EXP;;Addr;Busan;KOR;CNE;Addr;Jakarta;IDN;;SEA;;;;;;\n" // 5
                + i("KR-C-3", 1) + "\n"                                                       // 6
                + h("KR-C-4") + "\n" + i("KR-C-4", 1) + "\n";                                 // 7, 8

        List<NationalCertificate> certificates = stream(file);

        assertEquals(4, certificates.size());
        assertTrue(certificates.get(0).passedNationalCheck());
        assertEquals(List.of("E001 line 4: field 5 has 'X' after its closing quote"), errors(certificates.get(1)));
        // the broken H record still starts a certificate: its items are not taken for the one before
        assertEquals(5, certificates.get(2).line());
        assertEquals(List.of("E001 line 5: field 2 has 'x' after its closing quote"), errors(certificates.get(2)));
        assertTrue(certificates.get(3).passedNationalCheck());
        assertTrue(formats.toCanonical(certificates.get(3)).ok());
    }

    @Test
    void fileWithoutACertificateRecordIsRefusedAsAWhole() {
        for (String file : List.of("", "# only a comment\n\n", "\uFEFF")) {
            try (CertificateStream stream = formats.stream("kr-csv", new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))) {
                NationalDocumentException e = assertThrows(NationalDocumentException.class, stream::hasNext);
                assertEquals(List.of(HubError.schema("document", "the file holds no H record")), e.errors());
                assertFalse(stream.hasNext());
            }
            assertThrows(NationalDocumentException.class, () -> formats.read("kr-csv", file.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void certificateLargerThanTheCapIsRefusedWithoutKeepingItsRecordsAndTheNextOneStands() {
        StringBuilder file = new StringBuilder(h("KR-O-1")).append('\n');
        String item = i("KR-O-1", 1) + "\n";
        int items = CsvDocumentReader.MAX_CERTIFICATE_CHARS / item.length() + 10;
        for (int n = 0; n < items; n++) {
            file.append(item);
        }
        file.append(h("KR-O-2")).append('\n').append(i("KR-O-2", 1)).append('\n');

        List<NationalCertificate> certificates = stream(file.toString());

        assertEquals(2, certificates.size());
        NationalCertificate oversize = certificates.get(0);
        assertEquals(1, oversize.errors().size(), oversize.errors()::toString);
        assertTrue(oversize.errors().get(0).message().startsWith("the certificate is longer than 4194304 characters"));
        assertTrue(certificates.get(1).passedNationalCheck());
        assertEquals("KR-O-2", certificates.get(1).certificateId());
    }

    @Test
    void errorsOfOneCertificateBeyondAHundredAreCountedNotListed() {
        StringBuilder file = new StringBuilder(h("KR-M-1")).append('\n');           // line 1
        for (int n = 0; n < 150; n++) {
            file.append("Z;").append(n).append('\n');                               // lines 2..151
        }

        NationalCertificate certificate = stream(file.toString()).get(0);

        assertEquals(101, certificate.errors().size());
        assertEquals("line 101", certificate.errors().get(99).field());
        assertEquals(HubError.schema("line 102", "50 more errors from this line on are not listed"),
                certificate.errors().get(100));
    }

    /** The fields of every record as commons-csv (RFC 4180, ';', '#' comments) reads them, blank lines aside. */
    @Test
    void recordsAreTheFieldsCommonsCsvReads() throws Exception {
        String sample = Files.readString(Path.of("samples/kr-csv/KR-ID-steel-batch.csv"));
        List<String> files = List.of(sample, sample.replace("\n", "\r\n"), String.join("\n",
                "a;b;c", "a;;c;", ";", "\"a;b\";c", "\"a\"\"b\";c", "\"multi\nline\";x", "\"multi\r\nline\";x",
                "# a comment", "", " \"not quoted\";x", "a\"b;c", "\"a\"  ;b", "\"\";x", "x;\"\"\"\"", "\"a\"\t",
                "é;ü;한국;\"😀\"", "last;\"quoted at the end\""), "no line end;at all", "trailing;\n\n\n");
        CSVFormat reference = CSVFormat.RFC4180.builder().setDelimiter(';').setCommentMarker('#')
                .setIgnoreEmptyLines(true).setTrim(false).get();
        for (String file : files) {
            List<List<String>> expected = new ArrayList<>();
            for (CSVRecord record : reference.parse(new StringReader(file))) {
                expected.add(record.toList());
            }
            List<List<String>> actual = new ArrayList<>();
            try (DelimitedRecords records = new DelimitedRecords(new StringReader(file), ';', '#')) {
                for (DelimitedRecords.Record record = records.next(); record != null; record = records.next()) {
                    assertNull(record.problem(), record::toString);
                    actual.add(record.fields());
                }
            }
            assertEquals(expected, actual, file);
        }
    }

    /** kr-csv certificates, one after the other, without end; counts what was read of it. */
    private static final class EndlessBatch extends InputStream {

        private byte[] chunk = new byte[0];
        private int position;
        private int certificates;
        long read;

        @Override
        public int read() {
            if (position == chunk.length) {
                String id = "KR-E-" + ++certificates;
                chunk = (h(id) + "\n" + i(id, 1) + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            read++;
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = 0;
            while (n < Math.min(length, 512)) {
                buffer[offset + n++] = (byte) read();
            }
            return n;
        }
    }
}

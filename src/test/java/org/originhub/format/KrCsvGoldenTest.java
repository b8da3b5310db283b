package org.originhub.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kr-csv as the hub runs it (national-formats.md §2): strict read, xslt/kr-csv/kr-csv-to-canonical.xsl,
 * xslt/kr-csv/canonical-to-kr-csv.xsl. Expected values are those of samples/kr-csv/KR-ID-steel-batch.expected.md.
 */
class KrCsvGoldenTest {

    private static final String CANONICAL_NS = "urn:originhub:canonical:1";
    private static final Path SAMPLE = Path.of("samples/kr-csv/KR-ID-steel-batch.csv");

    private static NationalFormats formats;
    private static Validator canonicalSchema;
    private static final Processor SAXON = new Processor(false);

    @BeforeAll
    static void load() throws Exception {
        formats = NationalFormats.fromProjectDirectories();
        canonicalSchema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new File("xsd/canonical/v1/originhub-eco.xsd")).newValidator();
    }

    /** Blanks around a field are not part of its value; blanks inside it are, exactly as sent. */
    @Test
    void blanksAroundFieldsAreTrimmedAndBlanksInsideAreKept() throws Exception {
        String sample = Files.readString(SAMPLE);
        String padded = sample.replace(";HANBIT STEEL CO., LTD.;", ";  HANBIT  STEEL CO., LTD.\t;")
                .replace(";Pohang;", "; Pohang ;").replace(";KRPUS;", ";KRPUS  ;");
        List<NationalCertificate> certs = formats.read("kr-csv", padded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        XdmNode c = canonical(certs.get(0));
        assertValues(c, Map.of("Exporter/Name", "HANBIT  STEEL CO., LTD.", "Exporter/Address/CityName", "Pohang",
                "LoadingLocation/ID", "KRPUS"));
    }

    @Test
    void sampleCertificate1MapsEveryExpectedValue() throws Exception {
        List<NationalCertificate> certs = formats.read("kr-csv", Files.readAllBytes(SAMPLE));
        assertEquals(2, certs.size());
        XdmNode c = canonical(certs.get(0));
        assertValues(c, Map.ofEntries(
                Map.entry("CertificateID", "KR2025A00012345"),
                Map.entry("DocumentTypeCode", "864"),
                Map.entry("StatusCode", "ISSUED"),
                Map.entry("IssueDate", "2025-05-12"),
                Map.entry("AgreementCode", "AKFTA"),
                Map.entry("FormCode", "AK"),
                Map.entry("IssuingAuthority/ID", "KR-KCS"),
                Map.entry("IssuingAuthority/Name", "Korea Customs Service"),
                Map.entry("ExportCountryCode", "KR"),
                Map.entry("ImportCountryCode", "ID"),
                Map.entry("Exporter/Name", "HANBIT STEEL CO., LTD."),
                Map.entry("Exporter/ID", "1248100998"),
                Map.entry("Exporter/Address/Line", "12, Gongdan-ro; Nam-gu"),
                Map.entry("Exporter/Address/CityName", "Pohang"),
                Map.entry("Exporter/Address/CountryCode", "KR"),
                Map.entry("Consignee/Name", "PT BAJA JAYA"),
                Map.entry("Consignee/Address/CityName", "Cilegon"),
                Map.entry("Consignee/Address/CountryCode", "ID"),
                Map.entry("DepartureDate", "2025-05-14"),
                Map.entry("TransportModeCode", "1"),
                Map.entry("TransportMeansName", "HANJIN BUSAN 0042W"),
                Map.entry("LoadingLocation/ID", "KRPUS"),
                Map.entry("UnloadingLocation/ID", "IDJKT"),
                Map.entry("Invoice/ID", "HB-7781"),
                Map.entry("Invoice/IssueDate", "2025-05-09"),
                Map.entry("count(Remarks)", "0"),
                Map.entry("count(GoodsItem)", "2"),
                Map.entry("GoodsItem[1]/SequenceNumeric", "1"),
                Map.entry("GoodsItem[1]/HSCode", "720851"),
                Map.entry("GoodsItem[1]/OriginCountryCode", "KR"),
                Map.entry("GoodsItem[1]/OriginCriterion/Code", "RVC"),
                Map.entry("GoodsItem[1]/Quantity/@unitCode", "TNE"),
                Map.entry("GoodsItem[1]/GrossMass/@unitCode", "KGM"),
                Map.entry("GoodsItem[1]/PackageQuantity", "12"),
                Map.entry("GoodsItem[1]/PackageTypeCode", "BE"),
                Map.entry("GoodsItem[1]/FOBValue/@currencyID", "USD"),
                Map.entry("GoodsItem[2]/SequenceNumeric", "2"),
                Map.entry("GoodsItem[2]/HSCode", "731815"),
                Map.entry("GoodsItem[2]/OriginCriterion/Code", "CTC"),
                Map.entry("GoodsItem[2]/OriginCriterion/ChangeLevelCode", "CTH"),
                Map.entry("GoodsItem[2]/Quantity/@unitCode", "TNE"),
                Map.entry("GoodsItem[2]/GrossMass/@unitCode", "KGM"),
                Map.entry("GoodsItem[2]/PackageQuantity", "30"),
                Map.entry("GoodsItem[2]/PackageTypeCode", "CT"),
                Map.entry("GoodsItem[2]/FOBValue/@currencyID", "USD")));
        assertDecimals(c, Map.of(
                "GoodsItem[1]/OriginCriterion/Percent", "45",
                "GoodsItem[1]/Quantity", "55.5",
                "GoodsItem[1]/GrossMass", "56200",
                "GoodsItem[1]/FOBValue", "56200.00",
                "GoodsItem[2]/Quantity", "1.2",
                "GoodsItem[2]/GrossMass", "1250",
                "GoodsItem[2]/FOBValue", "4100.50"));
    }

    @Test
    void sampleCertificate2MapsEveryExpectedValue() throws Exception {
        XdmNode c = canonical(formats.read("kr-csv", Files.readAllBytes(SAMPLE)).get(1));
        assertValues(c, Map.ofEntries(
                Map.entry("CertificateID", "KR2025A00012346"),
                Map.entry("Exporter/Name", "대한정밀(주)"),
                Map.entry("Exporter/Address/Line", "경기도 안산시 단원구 산단로 77"),
                Map.entry("Exporter/Address/CityName", "Ansan"),
                Map.entry("TransportModeCode", "4"),
                Map.entry("count(TransportMeansName)", "0"),
                Map.entry("LoadingLocation/ID", "KRICN"),
                Map.entry("UnloadingLocation/ID", "IDCGK"),
                Map.entry("Remarks", "Urgent spare parts"),
                Map.entry("count(GoodsItem)", "1"),
                Map.entry("GoodsItem/HSCode", "848210"),
                Map.entry("GoodsItem/Description", "BALL BEARINGS \"SERIES 6200\""),
                Map.entry("GoodsItem/OriginCriterion/Code", "WO"), // the field holds " A"
                Map.entry("GoodsItem/Quantity/@unitCode", "H87"),
                Map.entry("GoodsItem/GrossMass/@unitCode", "KGM"),
                Map.entry("GoodsItem/PackageQuantity", "5"),
                Map.entry("GoodsItem/PackageTypeCode", "BX"),
                Map.entry("GoodsItem/FOBValue/@currencyID", "USD")));
        assertDecimals(c, Map.of("GoodsItem/Quantity", "500", "GoodsItem/GrossMass", "85.4", "GoodsItem/FOBValue", "3900"));
    }

    @Test
    void sampleCertificatesAreValidCanonicalDocuments() throws Exception {
        for (NationalCertificate cert : formats.read("kr-csv", Files.readAllBytes(SAMPLE))) {
            MappingResult r = formats.toCanonical(cert);
            assertTrue(r.ok(), () -> r.errors().toString());
            canonicalSchema.validate(new StreamSource(new ByteArrayInputStream(r.canonical())));
        }
    }

    @Test
    void roundTripGivesIdenticalCanonical() throws Exception {
        for (NationalCertificate cert : formats.read("kr-csv", Files.readAllBytes(SAMPLE))) {
            MappingResult first = formats.toCanonical(cert);
            assertTrue(first.ok(), () -> first.errors().toString());
            byte[] national = formats.fromCanonical("kr-csv", first.canonical());
            List<NationalCertificate> again = formats.read("kr-csv", national);
            assertEquals(1, again.size());
            MappingResult second = formats.toCanonical(again.get(0));
            assertTrue(second.ok(), () -> second.errors().toString());
            assertArrayEquals(first.canonical(), second.canonical(),
                    () -> new String(first.canonical(), StandardCharsets.UTF_8) + "\n≠\n" + new String(second.canonical(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void outboundFileQuotesSeparatorsAndUsesDecimalComma() throws Exception {
        List<NationalCertificate> certs = formats.read("kr-csv", Files.readAllBytes(SAMPLE));
        String first = new String(formats.fromCanonical("kr-csv", formats.toCanonical(certs.get(0)).canonical()), StandardCharsets.UTF_8);
        assertEquals("H;KR2025A00012345;20250512;AKFTA;AK;KR-KCS;Korea Customs Service;HANBIT STEEL CO., LTD.;1248100998;"
                + "\"12, Gongdan-ro; Nam-gu\";Pohang;KOR;PT BAJA JAYA;Jl. Industri Raya No. 5;Cilegon;IDN;20250514;SEA;KRPUS;IDJKT;"
                + "HANJIN BUSAN 0042W;HB-7781;20250509;\n"
                + "I;KR2025A00012345;1;720851;HOT ROLLED STEEL PLATE, THICKNESS > 10MM;D;;45;55,5;TON;56200;KGS;12;BDL;56200;USD\n"
                + "I;KR2025A00012345;2;731815;BOLTS OF IRON OR STEEL;C;CTH;;1,2;TON;1250;KGS;30;CT;4100,5;USD\n", first);
        String second = new String(formats.fromCanonical("kr-csv", formats.toCanonical(certs.get(1)).canonical()), StandardCharsets.UTF_8);
        assertTrue(second.contains(";\"BALL BEARINGS \"\"SERIES 6200\"\"\";A;"), second);
    }

    @Test
    void batchKeepsGoodCertificatesAndReportsBadOnesByLine() {
        String file = String.join("\n",
                "# batch with two bad certificates",                                                               // 1
                "H;KR-OK-1;20250512;AKFTA;AK;KR-KCS;KCS;EXP A;;Addr;Busan;KOR;CNE A;Addr;Jakarta;IDN;;SEA;;;;;;",   // 2
                "I;KR-OK-1;1;720851;STEEL;A;;;;;;;;;;",                                                            // 3
                "",                                                                                                // 4
                "# the next certificate names a country no code list knows",                                      // 5
                "H;KR-BAD-2;20250512;AKFTA;AK;KR-KCS;KCS;EXP B;;Addr;Busan;KOR;CNE B;Addr;Hanoi;XYZ;;SEA;;;;;;",    // 6
                "I;KR-BAD-2;1;720851;STEEL;A;;;;;;;;;;",                                                           // 7
                "H;KR-BAD-3;20250512;AKFTA;AK;KR-KCS;KCS;EXP C;;Addr;Busan;KOR;CNE C;Addr;Jakarta;IDN;;SEA;;;;;;",  // 8
                "I;KR-BAD-3;1;720851;STEEL;A;;;;;;;;;;",                                                           // 9
                "I;KR-BAD-3;2;731815;BOLTS;D;;;;;;;;;;",                                                           // 10: RVC without CRIT_PCT
                "H;KR-OK-4;20250512;AKFTA;AK;KR-KCS;KCS;EXP D;;Addr;Busan;KOR;CNE D;Addr;Jakarta;IDN;;AIR;;;;;;",   // 11
                "I;KR-OK-4;1;731815;BOLTS;D;;40;;;;;;;;",                                                          // 12
                "");
        List<NationalCertificate> certs = formats.read("kr-csv", file.getBytes(StandardCharsets.UTF_8));
        assertEquals(4, certs.size());
        assertEquals(List.of(2, 6, 8, 11), certs.stream().map(NationalCertificate::line).toList(), "first line of each certificate");

        assertTrue(formats.toCanonical(certs.get(0)).ok());
        assertTrue(formats.toCanonical(certs.get(3)).ok());

        MappingResult unknownCountry = formats.toCanonical(certs.get(1));
        assertFalse(unknownCountry.ok());
        assertEquals(List.of(new HubError("E040", "line 6: CNE_CTRY", "'XYZ' is not in code list kr-csv/countries")),
                unknownCountry.errors());

        MappingResult missingPercent = formats.toCanonical(certs.get(2));
        assertFalse(missingPercent.ok());
        assertEquals(1, missingPercent.errors().size(), missingPercent.errors()::toString);
        assertEquals("E001", missingPercent.errors().get(0).code());
        assertEquals("line 10: CRIT_PCT", missingPercent.errors().get(0).field());
    }

    @Test
    void itemRecordOfAnotherCertificateIsE060() {
        String file = "H;KR-1;20250512;AKFTA;AK;KR-KCS;KCS;EXP;;Addr;Busan;KOR;CNE;Addr;Jakarta;IDN;;;;;;;;\n"
                + "I;KR-1;1;720851;STEEL;A;;;;;;;;;;\n"
                + "I;KR-2;2;720851;STEEL;A;;;;;;;;;;\n";
        MappingResult r = formats.toCanonical(formats.read("kr-csv", file.getBytes(StandardCharsets.UTF_8)).get(0));
        assertFalse(r.ok());
        assertEquals(1, r.errors().size(), r.errors()::toString);
        assertEquals("E060", r.errors().get(0).code());
        assertEquals("line 3: CO_NO", r.errors().get(0).field());
    }

    @Test
    void everyBadFieldOfACertificateIsReportedWithItsLine() {
        String file = "H;KR-1;20251332;AKFTA;AK;KR-KCS;KCS;EXP;;Addr;Busan;KOR;CNE;Addr;Jakarta;IDN;;SHIP;;;;;;\n"
                + "I;KR-1;1;72085;STEEL;C;;;1.5;TON;10;LTR;2;CAN;5,0;\n";
        MappingResult r = formats.toCanonical(formats.read("kr-csv", file.getBytes(StandardCharsets.UTF_8)).get(0));
        assertEquals(List.of("E001 line 1: ISS_DT", "E040 line 1: MODE", "E001 line 2: HS", "E001 line 2: CRIT_SUB",
                        "E040 line 2: PKG_TYPE", "E040 line 2: GROSS_UNIT", "E001 line 2: QTY", "E001 line 2: CUR"),
                r.errors().stream().map(e -> e.code() + " " + e.field()).toList());
    }

    @Test
    void canonicalValueWithoutKrCsvSpellingStopsTheTransform() throws Exception {
        byte[] canonical = formats.toCanonical(formats.read("kr-csv", Files.readAllBytes(SAMPLE)).get(0)).canonical();
        String withModifier = new String(canonical, StandardCharsets.UTF_8)
                .replace("<Percent>45</Percent>", "<Percent>45</Percent><ModifierCode>ACU</ModifierCode>");
        assertThrows(IllegalArgumentException.class,
                () -> formats.fromCanonical("kr-csv", withModifier.getBytes(StandardCharsets.UTF_8)));
        String unknownCountry = new String(canonical, StandardCharsets.UTF_8).replace("<ImportCountryCode>ID<", "<ImportCountryCode>ZZ<");
        assertThrows(IllegalArgumentException.class,
                () -> formats.fromCanonical("kr-csv", unknownCountry.getBytes(StandardCharsets.UTF_8)));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static XdmNode canonical(NationalCertificate cert) throws Exception {
        assertTrue(cert.passedNationalCheck(), () -> cert.errors().toString());
        MappingResult r = formats.toCanonical(cert);
        assertTrue(r.ok(), () -> r.errors().toString());
        return parse(r.canonical());
    }

    /** A canonical document for {@link #assertValues} and {@link #assertDecimals} (shared with ClJsonGoldenTest). */
    static XdmNode parse(byte[] canonical) throws Exception {
        return SAXON.newDocumentBuilder().build(new StreamSource(new ByteArrayInputStream(canonical)));
    }

    /** Each path (canonical namespace as default, relative to CertificateOfOrigin) must give exactly this string. */
    static void assertValues(XdmNode doc, Map<String, String> expected) throws Exception {
        XPathCompiler xpath = SAXON.newXPathCompiler();
        xpath.declareNamespace("", CANONICAL_NS);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String actual = xpath.evaluate("string(/CertificateOfOrigin/(" + e.getKey() + "))", doc).toString();
            assertEquals(e.getValue(), actual, e.getKey());
        }
    }

    /** Numbers compare by value: 56200.00 and 56200 are the same amount. */
    static void assertDecimals(XdmNode doc, Map<String, String> expected) throws Exception {
        XPathCompiler xpath = SAXON.newXPathCompiler();
        xpath.declareNamespace("", CANONICAL_NS);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String actual = xpath.evaluate("string(/CertificateOfOrigin/" + e.getKey() + ")", doc).toString();
            assertFalse(actual.isEmpty(), e.getKey() + " is missing");
            assertEquals(0, new BigDecimal(e.getValue()).compareTo(new BigDecimal(actual)), e.getKey() + " = " + actual);
        }
    }
}

package org.originhub.format;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test of formd-xml (national-formats.md §1) as the hub runs it: {@link NationalFormats#read} (secure
 * parse + national XSD), {@link NationalFormats#toCanonical}, {@link NationalFormats#fromCanonical}. Each sample's
 * {@code .expected.md} values are asserted on the canonical output with XPath.
 */
class FormdXmlGoldenTest {

    private static final String FORMAT = "formd-xml";
    private static final String CANONICAL_NS = "urn:originhub:canonical:1";
    private static final Path SAMPLES = Path.of("samples/formd-xml");

    private static NationalFormats formats;
    private static Schema canonicalSchema;
    private static final Processor SAXON = new Processor(false);

    @BeforeAll
    static void load() throws Exception {
        formats = NationalFormats.fromProjectDirectories();
        canonicalSchema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("xsd/canonical/v1/originhub-eco.xsd").toFile());
    }

    // ---- samples: every value of the .expected.md files ------------------------------------------------------

    @Test
    void thVnRubberMapsToEveryExpectedCanonicalValue() throws Exception {
        XdmNode c = canonical(sample("TH-VN-rubber"));
        assertAll(
                is(c, "CertificateID", "TH-DFT-2025-D-0001234"),
                is(c, "DocumentTypeCode", "864"),
                is(c, "StatusCode", "ISSUED"),
                is(c, "IssueDate", "2025-05-12"),
                is(c, "AgreementCode", "ATIGA"), is(c, "FormCode", "D"),
                is(c, "ExportCountryCode", "TH"), is(c, "ImportCountryCode", "VN"),
                is(c, "IssuingAuthority/ID", "TH-DFT"), is(c, "IssuingAuthority/Name", "Department of Foreign Trade"),
                is(c, "Exporter/Name", "Siam Rubber Co., Ltd."), is(c, "Exporter/ID", "0105551234567"),
                is(c, "Exporter/Address/Line", "99 Rama IV Road"), is(c, "Exporter/Address/CityName", "Bangkok"),
                is(c, "Exporter/Address/PostcodeID", "10110"), is(c, "Exporter/Address/CountryCode", "TH"),
                is(c, "Consignee/Name", "Saigon Tyre JSC"),
                is(c, "Consignee/Address/Line", "12 Nguyen Hue Boulevard"),
                is(c, "Consignee/Address/CityName", "Ho Chi Minh City"),
                is(c, "count(Consignee/Address/PostcodeID)", "0"),
                is(c, "Consignee/Address/CountryCode", "VN"),
                is(c, "DepartureDate", "2025-05-13"),
                is(c, "TransportModeCode", "1"),
                is(c, "TransportMeansName", "MV SEA STAR V.112"),
                is(c, "LoadingLocation/ID", "THLCH"), is(c, "LoadingLocation/Name", "LAEM CHABANG"),
                is(c, "UnloadingLocation/ID", "VNSGN"), is(c, "UnloadingLocation/Name", "HO CHI MINH"),
                is(c, "count(Invoice)", "1"),
                is(c, "Invoice/ID", "INV-2025-0456"), is(c, "Invoice/IssueDate", "2025-05-10"),
                is(c, "count(SpecialCircumstanceCode)", "0"),
                is(c, "ExporterDeclaration/Place", "BANGKOK"), is(c, "ExporterDeclaration/Date", "2025-05-11"),
                is(c, "Certification/Place", "BANGKOK"), is(c, "Certification/Date", "2025-05-12"),
                is(c, "AuthorisedSignatory/Name", "Somchai Chaiyo"),
                is(c, "count(GoodsItem)", "2"),
                item(c, 1, "SequenceNumeric", "1"), item(c, 1, "HSCode", "400122"),
                item(c, 1, "Description", "NATURAL RUBBER TSR 20"), item(c, 1, "OriginCriterion/Code", "WO"),
                item(c, 1, "count(OriginCriterion/*)", "1"),
                item(c, 1, "PackageQuantity", "40"), item(c, 1, "PackageTypeCode", "PX"),
                item(c, 1, "MarksAndNumbers", "SRC/VN/1-40"),
                item(c, 1, "GrossMass/concat(., ' ', @unitCode)", "40320 KGM"),
                item(c, 1, "Quantity/concat(., ' ', @unitCode)", "40 TNE"),
                item(c, 1, "OriginCountryCode", "TH"), item(c, 1, "InvoiceRef", "INV-2025-0456"),
                item(c, 2, "SequenceNumeric", "2"), item(c, 2, "HSCode", "401519"),
                item(c, 2, "Description", "RUBBER GLOVES, NITRILE, POWDER FREE"),
                item(c, 2, "OriginCriterion/Code", "RVC"), item(c, 2, "OriginCriterion/Percent", "45"),
                item(c, 2, "PackageQuantity", "1200"), item(c, 2, "PackageTypeCode", "CT"),
                item(c, 2, "GrossMass/concat(., ' ', @unitCode)", "6480 KGM"),
                item(c, 2, "Quantity/concat(., ' ', @unitCode)", "1200000 H87"),
                item(c, 2, "FOBValue/concat(., ' ', @currencyID)", "71200.00 USD"),
                item(c, 2, "OriginCountryCode", "TH"));
    }

    @Test
    void sgCnElectronicsMapsToEveryExpectedCanonicalValue() throws Exception {
        XdmNode c = canonical(sample("SG-CN-electronics"));
        assertAll(
                is(c, "CertificateID", "SG-CUS-2025-E-778812"),
                is(c, "IssueDate", "2025-02-03"),
                is(c, "AgreementCode", "ACFTA"), is(c, "FormCode", "E"),
                is(c, "ExportCountryCode", "SG"), is(c, "ImportCountryCode", "CN"),
                is(c, "Exporter/Address/Line", "8 Jurong Port Road #05-12"),
                is(c, "Exporter/Address/CityName", "Singapore"), is(c, "Exporter/Address/PostcodeID", "619092"),
                // Chinese names and addresses pass through unchanged
                is(c, "Consignee/Name", "上海华东电子有限公司"),
                is(c, "Consignee/Address/Line", "浦东新区张江路 88 号"),
                is(c, "Consignee/Address/CityName", "Shanghai"), is(c, "Consignee/Address/PostcodeID", "201203"),
                is(c, "Consignee/Address/CountryCode", "CN"),
                is(c, "TransportModeCode", "1"),
                is(c, "LoadingLocation/ID", "SGSIN"), is(c, "UnloadingLocation/ID", "CNSHA"),
                is(c, "string-join(SpecialCircumstanceCode, ',')", "TPI,ACU"),
                is(c, "Remarks", "Third-party invoice issued by Lion City Trading (HK) Ltd"),
                item(c, 1, "HSCode", "851779"),
                item(c, 1, "OriginCriterion/Code", "CTC"), item(c, 1, "OriginCriterion/ChangeLevelCode", "CTSH"),
                item(c, 1, "PackageQuantity", "12"), item(c, 1, "PackageTypeCode", "CS"),
                item(c, 1, "GrossMass/concat(., ' ', @unitCode)", "480.5 KGM"),
                item(c, 1, "Quantity/concat(., ' ', @unitCode)", "2400 H87"),
                item(c, 1, "OriginCountryCode", "SG"));
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleMapsToACanonicalCertificateValidAgainstTheCanonicalSchema(String name) throws Exception {
        MappingResult r = mapped(sample(name));
        canonicalSchema.newValidator().validate(new StreamSource(new ByteArrayInputStream(r.canonical())));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleSurvivesTheRoundTripNationalCanonicalNationalCanonical(String name) {
        MappingResult first = mapped(sample(name));
        byte[] national = formats.fromCanonical(FORMAT, first.canonical());
        List<NationalCertificate> again = formats.read(FORMAT, national);
        assertEquals(List.of(), again.get(0).errors(), "the outbound document fails the national XSD:\n" + utf8(national));
        MappingResult second = formats.toCanonical(again.get(0));
        assertTrue(second.ok(), () -> second.errors().toString());
        assertEquals(utf8(first.canonical()), utf8(second.canonical()));
    }

    // ---- mapping rules beyond the samples ------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "WO             | WO  |      |    |",
            "PE             | PE  |      |    |",
            "CC             | CTC | CC   |    |",
            "CTH ACU        | CTC | CTH  |    | ACU",
            "RVC 40%        | RVC |      | 40 |",
            "PC 25%         | RVC |      | 25 | PC",
            "PC 25% DMI     | RVC |      | 25 | PC DMI",
            "SP             | SP  |      |    |",
            "PSR            | PSR |      |    |"})
    void originCriterionTokensMapToCodeChangeLevelPercentAndModifiers(String national, String code, String level,
            String percent, String modifiers) throws Exception {
        XdmNode c = canonical(replace(sample("TH-VN-rubber"), "<OriginCriterion>WO<", "<OriginCriterion>" + national + "<"));
        assertAll(
                item(c, 1, "OriginCriterion/Code", code),
                item(c, 1, "string(OriginCriterion/ChangeLevelCode)", level == null ? "" : level),
                item(c, 1, "string(OriginCriterion/Percent)", percent == null ? "" : percent),
                item(c, 1, "string-join(OriginCriterion/ModifierCode, ' ')", modifiers == null ? "" : modifiers));
        // and back: the outbound stylesheet writes the same tokens
        assertTrue(utf8(formats.fromCanonical(FORMAT, mapped(replace(sample("TH-VN-rubber"), "<OriginCriterion>WO<",
                "<OriginCriterion>" + national + "<")).canonical())).contains("<OriginCriterion>" + national + "</OriginCriterion>"));
    }

    @Test
    void singularPackageKindsMapLikePlurals() throws Exception {
        XdmNode c = canonical(replace(sample("TH-VN-rubber"), "40 PALLETS", "1 PALLET"));
        assertAll(item(c, 1, "PackageQuantity", "1"), item(c, 1, "PackageTypeCode", "PX"));
    }

    @Test
    void bothVietNamSpellingsMapToVnAndThePreferredOneIsWrittenBack() throws Exception {
        MappingResult r = mapped(replace(sample("TH-VN-rubber"), "<ImportingCountry>VIET NAM<", "<ImportingCountry>VIETNAM<"));
        assertAll(is(parse(r.canonical()), "ImportCountryCode", "VN"));
        assertTrue(utf8(formats.fromCanonical(FORMAT, r.canonical())).contains("<ImportingCountry>VIET NAM</ImportingCountry>"));
    }

    @Test
    void unknownPortNameIsNoErrorAndKeepsTheNameWithoutACode() throws Exception {
        XdmNode c = canonical(replace(sample("TH-VN-rubber"), "portOfLoading=\"LAEM CHABANG\"", "portOfLoading=\"KO SICHANG\""));
        assertAll(is(c, "LoadingLocation/Name", "KO SICHANG"), is(c, "count(LoadingLocation/ID)", "0"));
    }

    // ---- errors ---------------------------------------------------------------------------------------------

    @Test
    void unknownCountryNameIsE040NamingTheFieldAndTheValue() {
        List<HubError> errors = rejected(replace(sample("TH-VN-rubber"),
                "<ExportingCountry>THAILAND<", "<ExportingCountry>SIAM<"));
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("E040", errors.get(0).code());
        assertEquals("ExportingCountry", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("SIAM"), errors.get(0).message());
    }

    @Test
    void unknownCountryInsidePackedPartyIsE040NamingTheBox() {
        List<HubError> errors = rejected(replace(sample("TH-VN-rubber"), "Ho Chi Minh City|VIET NAM", "Ho Chi Minh City|ANNAM"));
        assertEquals(List.of("E040 Box2Consignee"), codesAndFields(errors));
    }

    @Test
    void grossWeightInLitresIsE040BecauseAVolumeIsNoMass() {
        List<HubError> errors = rejected(replace(sample("TH-VN-rubber"), "6,480 KG", "6,480 LT"));
        assertEquals(List.of("E040 Items/Item[2]/GrossWeight"), codesAndFields(errors));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RVC", "RVC FORTY", "XYZ", "RVC 45% FOO", "WO 45%", "CTC"})
    void badOriginCriterionIsE040(String criterion) {
        List<HubError> errors = rejected(replace(sample("TH-VN-rubber"), "RVC 45%", criterion));
        assertEquals(List.of("E040 Items/Item[2]/OriginCriterion"), codesAndFields(errors));
    }

    @Test
    void everyBadFieldOfACertificateIsReportedInOnePass() {
        byte[] bad = replace(replace(replace(replace(sample("TH-VN-rubber"),
                "<ExportingCountry>THAILAND<", "<ExportingCountry>SIAM<"),
                "6,480 KG", "6,480 LT"),
                "RVC 45%", "XYZ"),
                "40 PALLETS", "40 BARRELS");
        assertEquals(List.of("E040 ExportingCountry", "E040 Items/Item[1]/Packages",
                "E040 Items/Item[2]/OriginCriterion", "E040 Items/Item[2]/GrossWeight"), codesAndFields(rejected(bad)));
    }

    @Test
    void dateThatDoesNotExistIsAnErrorNamingTheField() {
        List<HubError> errors = rejected(replace(sample("TH-VN-rubber"), "date=\"11/05/2025\"", "date=\"31/02/2025\""));
        assertEquals(List.of("E001 Box11ExporterDeclaration/@date"), codesAndFields(errors));
    }

    @Test
    void itemsNumberedOutOfOrderAreRejected() {
        List<HubError> errors = rejected(replace(sample("TH-VN-rubber"), "<Item no=\"2\">", "<Item no=\"3\">"));
        assertEquals(List.of("E001 Items/Item[2]/@no"), codesAndFields(errors));
    }

    @Test
    void missingRefNoFailsTheNationalCheckWithE001() {
        byte[] bad = replace(sample("TH-VN-rubber"), "<RefNo>TH-DFT-2025-D-0001234</RefNo>", "");
        NationalCertificate cert = formats.read(FORMAT, bad).get(0);
        assertFalse(cert.errors().isEmpty());
        assertTrue(cert.errors().stream().allMatch(e -> e.code().equals("E001")), cert.errors()::toString);
        MappingResult r = formats.toCanonical(cert);
        assertFalse(r.ok());
        assertNull(r.canonical());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<HSCode>4001.22</HSCode>       | <HSCode>400122</HSCode>",
            "<IssueDate>12/05/2025<         | <IssueDate>2025-05-12<",
            "<GrossWeight>40.32 MT<         | <GrossWeight>40.32MT<",
            "accumulation=\"N\"             | accumulation=\"YES\"",
            "<Item no=\"1\">                | <Item no=\"0\">"})
    void malformedValuesFailTheNationalCheckWithE001(String good, String bad) {
        NationalCertificate cert = formats.read(FORMAT, replace(sample("TH-VN-rubber"), good, bad)).get(0);
        assertFalse(cert.errors().isEmpty(), "the national XSD accepted " + bad);
        assertEquals("E001", cert.errors().get(0).code());
    }

    @Test
    void doctypeMakesTheWholeDocumentUnreadable() {
        byte[] withDoctype = replace(sample("TH-VN-rubber"), "<FormD ",
                "<!DOCTYPE FormD [<!ENTITY x \"expanded\">]>\n<FormD ");
        assertThrows(NationalDocumentException.class, () -> formats.read(FORMAT, withDoctype));
    }

    @Test
    void canonicalValueWithoutAFormdSpellingStopsTheOutboundMappingNamingTheField() {
        byte[] canonical = mapped(sample("TH-VN-rubber")).canonical();
        byte[] unknown = replace(canonical, "<ImportCountryCode>VN<", "<ImportCountryCode>US<");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> formats.fromCanonical(FORMAT, unknown));
        assertTrue(e.getMessage().contains("ImportCountryCode"), e.getMessage());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static byte[] sample(String name) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(name + ".xml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] replace(byte[] document, String from, String to) {
        String text = utf8(document);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("test set-up: '" + from + "' not in the document");
        }
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static MappingResult map(byte[] document) {
        List<NationalCertificate> certs = formats.read(FORMAT, document);
        assertEquals(1, certs.size(), "formd-xml holds one certificate per document");
        return formats.toCanonical(certs.get(0));
    }

    private static MappingResult mapped(byte[] document) {
        MappingResult r = map(document);
        assertTrue(r.ok(), () -> "expected a canonical certificate, got " + r.errors());
        return r;
    }

    private static List<HubError> rejected(byte[] document) {
        List<NationalCertificate> certs = formats.read(FORMAT, document);
        assertEquals(List.of(), certs.get(0).errors(), "the error case must pass the national XSD");
        MappingResult r = formats.toCanonical(certs.get(0));
        assertFalse(r.ok(), "expected mapping errors");
        return r.errors();
    }

    private static List<String> codesAndFields(List<HubError> errors) {
        return errors.stream().map(e -> e.code() + " " + e.field()).toList();
    }

    private static XdmNode canonical(byte[] document) {
        return parse(mapped(document).canonical());
    }

    private static XdmNode parse(byte[] xml) {
        try {
            return SAXON.newDocumentBuilder().build(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The string value of an XPath over the canonical CertificateOfOrigin (canonical namespace as default). */
    private static String eval(XdmNode canonical, String xpath) {
        try {
            XPathCompiler compiler = SAXON.newXPathCompiler();
            compiler.declareNamespace("", CANONICAL_NS);
            return compiler.evaluateSingle("string-join((/CertificateOfOrigin/(" + xpath + ")) ! string(), '|')", canonical)
                    .getStringValue();
        } catch (SaxonApiException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    private static Executable is(XdmNode canonical, String xpath, String expected) {
        return () -> assertEquals(expected, eval(canonical, xpath), xpath);
    }

    private static Executable item(XdmNode canonical, int n, String xpath, String expected) {
        return is(canonical, "GoodsItem[" + n + "]/(" + xpath + ")", expected);
    }
}

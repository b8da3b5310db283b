package org.originhub.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import net.sf.saxon.s9api.XdmNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cl-json as the hub runs it (national-formats.md §3): strict JSON read, xslt/cl-json/cl-json-to-canonical.xsl,
 * xslt/cl-json/canonical-to-cl-json.xsl. Expected values are those of samples/cl-json/CL-PE-grapes.expected.md.
 * JSON paths in errors index arrays from 0: certificado.mercancias[1] is the second goods item.
 */
class ClJsonGoldenTest {

    private static final Path SAMPLE = Path.of("samples/cl-json/CL-PE-grapes.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static NationalFormats formats;
    private static byte[] sample;

    @BeforeAll
    static void load() throws Exception {
        formats = NationalFormats.fromProjectDirectories();
        sample = Files.readAllBytes(SAMPLE);
    }

    @Test
    void sampleMapsEveryExpectedValue() throws Exception {
        MappingResult r = toCanonical(sample);
        assertTrue(r.ok(), () -> r.errors().toString()); // camposNacionales is unknown: ignored, no error
        XdmNode c = KrCsvGoldenTest.parse(r.canonical());
        KrCsvGoldenTest.assertValues(c, Map.ofEntries(
                Map.entry("CertificateID", "CL-SOFOFA-2025-000123"),
                Map.entry("DocumentTypeCode", "864"),
                Map.entry("StatusCode", "ISSUED"),
                Map.entry("IssueDate", "2025-03-18"),
                Map.entry("AgreementCode", "AP"),
                Map.entry("FormCode", "AP"),
                Map.entry("ExportCountryCode", "CL"),
                Map.entry("ImportCountryCode", "PE"),
                Map.entry("IssuingAuthority/ID", "CL-SOFOFA"),
                Map.entry("IssuingAuthority/Name", "Sociedad de Fomento Fabril"),
                Map.entry("Exporter/Name", "Viñedos del Maipo S.A."),
                Map.entry("Exporter/ID", "76.123.456-7"),
                Map.entry("Exporter/Address/Line", "Camino a Pirque 1450"),
                Map.entry("Exporter/Address/CityName", "Puente Alto"),
                Map.entry("Exporter/Address/CountryCode", "CL"),
                Map.entry("Consignee/Name", "Distribuidora Andina S.A.C."),
                Map.entry("Consignee/ID", "20512345678"),
                Map.entry("Consignee/Address/CityName", "Callao"),
                Map.entry("Consignee/Address/CountryCode", "PE"),
                Map.entry("TransportModeCode", "1"),
                Map.entry("LoadingLocation/ID", "CLVAP"),
                Map.entry("UnloadingLocation/ID", "PECLL"),
                Map.entry("DepartureDate", "2025-03-20"),
                Map.entry("Invoice/ID", "F-00991"),
                Map.entry("Invoice/IssueDate", "2025-03-15"),
                Map.entry("Remarks", "Embarque parcial 1/2"),
                Map.entry("count(GoodsItem)", "2"),
                Map.entry("GoodsItem[1]/SequenceNumeric", "1"),
                Map.entry("GoodsItem[1]/HSCode", "080610"),
                Map.entry("GoodsItem[1]/OriginCountryCode", "CL"),
                Map.entry("GoodsItem[1]/OriginCriterion/Code", "WO"),
                Map.entry("GoodsItem[1]/Quantity/@unitCode", "KGM"),
                Map.entry("GoodsItem[1]/GrossMass/@unitCode", "KGM"),
                Map.entry("GoodsItem[1]/FOBValue/@currencyID", "USD"),
                Map.entry("GoodsItem[2]/SequenceNumeric", "2"),
                Map.entry("GoodsItem[2]/HSCode", "220421"),
                Map.entry("GoodsItem[2]/OriginCriterion/Code", "RVC"),
                Map.entry("GoodsItem[2]/Quantity/@unitCode", "LTR"),
                Map.entry("GoodsItem[2]/GrossMass/@unitCode", "KGM"),
                Map.entry("GoodsItem[2]/FOBValue/@currencyID", "USD")));
        KrCsvGoldenTest.assertDecimals(c, Map.of(
                "GoodsItem[1]/Quantity", "12000.5",
                "GoodsItem[1]/GrossMass", "13100",
                "GoodsItem[1]/FOBValue", "25400.00",
                "GoodsItem[2]/OriginCriterion/Percent", "52.5",
                "GoodsItem[2]/Quantity", "4500",
                "GoodsItem[2]/GrossMass", "7380.25",
                "GoodsItem[2]/FOBValue", "31870"));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new File("xsd/canonical/v1/originhub-eco.xsd")).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(r.canonical())));
    }

    @Test
    void roundTripGivesIdenticalCanonical() throws Exception {
        MappingResult first = toCanonical(sample);
        assertTrue(first.ok(), () -> first.errors().toString());
        byte[] national = formats.fromCanonical("cl-json", first.canonical());
        MappingResult second = toCanonical(national);
        assertTrue(second.ok(), () -> second.errors().toString());
        assertArrayEquals(first.canonical(), second.canonical(),
                () -> new String(first.canonical(), StandardCharsets.UTF_8) + "\n≠\n" + new String(second.canonical(), StandardCharsets.UTF_8));
    }

    @Test
    void outboundJsonHasTheInputMembersAndJsonNumbers() throws Exception {
        JsonNode out = JSON.readTree(formats.fromCanonical("cl-json", toCanonical(sample).canonical()));
        JsonNode in = JSON.readTree(sample);
        ((ObjectNode) in.get("certificado")).remove("camposNacionales"); // unknown inbound: not carried
        // Same members and values; numbers by value (25400.00 in, 25400 out).
        assertTrue(in.equals((a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue())
                : a.equals(b) ? 0 : 1, out), () -> in + "\n≠\n" + out);
        JsonNode item = out.at("/certificado/mercancias/0");
        assertTrue(item.get("item").isIntegralNumber());
        assertTrue(item.get("cantidad").isNumber() && item.get("pesoBruto").isNumber() && item.get("valorFOB").isNumber());
        assertTrue(out.at("/certificado/mercancias/1/porcentajeVCR").isNumber());
        assertEquals("Viñedos del Maipo S.A.", out.at("/certificado/exportador/nombre").asText());
    }

    @Test
    void outboundStringsNeedingEscapesAndStringsNeedingNoneBothReadBackAsTheyWereWritten() throws Exception {
        // quotation mark, backslash, solidus, line feed, tab, NEL (a C1 control), and characters that need no escape
        String escaped = "Say \"ok\" to C:\\tmp 1/2\nsecond line\tend\u0085.";
        String plain = "Niño — 中文 😀 \u2028 «fin»";
        String canonical = new String(toCanonical(sample).canonical(), StandardCharsets.UTF_8)
                .replace("<Remarks>Embarque parcial 1/2</Remarks>", "<Remarks>" + xml(escaped) + "</Remarks>")
                .replace("<Description>Uvas frescas de mesa, variedad Crimson</Description>",
                        "<Description>" + xml(plain) + "</Description>");
        assertTrue(canonical.contains(xml(escaped)) && canonical.contains(xml(plain)), canonical);

        String json = new String(formats.fromCanonical("cl-json", canonical.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);

        JsonNode out = JSON.readTree(json);
        assertEquals(escaped, out.at("/certificado/observaciones").asText(), json);
        assertEquals(plain, out.at("/certificado/mercancias/0/descripcion").asText(), json);
        // written as the national system reads it best: no escape where JSON needs none
        assertTrue(json.contains("\"descripcion\":\"" + plain + "\"") && json.contains("C:\\\\tmp 1/2"), json);
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x85 ? "&#" + c + ";"
                : c == '<' ? "&lt;" : c == '&' ? "&amp;" : Character.toString(c)));
        return out.toString();
    }

    @Test
    void outboundNumbersKeepEveryDigitWithoutExponent() throws Exception {
        String canonical = new String(toCanonical(sample).canonical(), StandardCharsets.UTF_8)
                .replace("<Quantity unitCode=\"LTR\">4500<", "<Quantity unitCode=\"LTR\">1234567890123.45<")
                .replace("<GrossMass unitCode=\"KGM\">13100<", "<GrossMass unitCode=\"KGM\">1200000<");
        String json = new String(formats.fromCanonical("cl-json", canonical.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"cantidad\":1234567890123.45,") && json.contains("\"pesoBruto\":1200000,"), json);
        assertTrue(json.contains("\"observaciones\":\"Embarque parcial 1/2\""), json);
    }

    @Test
    void pesoBrutoAsStringIsE040() throws Exception {
        MappingResult r = toCanonical(edit(c -> ((ObjectNode) c.at("/mercancias/1")).put("pesoBruto", "7380.25")));
        assertEquals(List.of(new HubError("E040", "certificado.mercancias[1].pesoBruto", "must be a number, not a string")), r.errors());
    }

    @Test
    void numberWhereAStringIsRequiredIsE040() throws Exception {
        MappingResult r = toCanonical(edit(c -> ((ObjectNode) c.at("/mercancias/0")).put("codigoSA", 80610)));
        assertEquals(List.of(new HubError("E040", "certificado.mercancias[0].codigoSA", "must be a string, not a number")), r.errors());
    }

    @Test
    void unknownMemberIsIgnored() throws Exception {
        byte[] extended = edit(c -> {
            c.put("versionEsquema", 7);
            ((ObjectNode) c.at("/mercancias/0")).putObject("detalleSag").put("lote", "L-1");
            ((ObjectNode) c.at("/exportador")).put("telefono", "+56 2 2345 6789");
        });
        MappingResult r = toCanonical(extended);
        assertTrue(r.ok(), () -> r.errors().toString());
        assertArrayEquals(toCanonical(sample).canonical(), r.canonical());
    }

    @Test
    void missingNumeroIsE001() throws Exception {
        MappingResult r = toCanonical(edit(c -> c.remove("numero")));
        assertEquals(List.of(new HubError("E001", "certificado.numero", "required member is absent or empty")), r.errors());
    }

    @Test
    void rvcWithoutPorcentajeAndUnknownTransportAreAllReported() throws Exception {
        MappingResult r = toCanonical(edit(c -> {
            ((ObjectNode) c.at("/mercancias/1")).remove("porcentajeVCR");
            ((ObjectNode) c.at("/transporte")).put("medio", "BARCO");
        }));
        assertEquals(List.of("E040 certificado.transporte.medio", "E001 certificado.mercancias[1].porcentajeVCR"),
                r.errors().stream().map(e -> e.code() + " " + e.field()).toList());
    }

    @Test
    void malformedJsonIsANationalDocumentException() {
        for (String bad : List.of("{\"certificado\": {\"numero\": \"X\",}}", "{\"certificado\": {\"numero\": \"X\", \"numero\": \"Y\"}}",
                "{\"certificado\": ")) {
            NationalDocumentException e = assertThrows(NationalDocumentException.class,
                    () -> formats.read("cl-json", bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertEquals("E001", e.errors().get(0).code());
        }
    }

    @Test
    void canonicalValueWithoutClJsonSpellingStopsTheTransform() throws Exception {
        String canonical = new String(toCanonical(sample).canonical(), StandardCharsets.UTF_8);
        String withModifier = canonical.replace("<Percent>52.5</Percent>", "<Percent>52.5</Percent><ModifierCode>ACU</ModifierCode>");
        assertThrows(IllegalArgumentException.class,
                () -> formats.fromCanonical("cl-json", withModifier.getBytes(StandardCharsets.UTF_8)));
        String volumeAsMass = canonical.replace("<GrossMass unitCode=\"KGM\">13100", "<GrossMass unitCode=\"LTR\">13100");
        assertThrows(IllegalArgumentException.class,
                () -> formats.fromCanonical("cl-json", volumeAsMass.getBytes(StandardCharsets.UTF_8)));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static MappingResult toCanonical(byte[] json) {
        List<NationalCertificate> certs = formats.read("cl-json", json);
        assertEquals(1, certs.size());
        return formats.toCanonical(certs.get(0));
    }

    /** The sample with its "certificado" object changed. */
    private static byte[] edit(Consumer<ObjectNode> change) throws Exception {
        JsonNode root = JSON.readTree(sample);
        change.accept((ObjectNode) root.get("certificado"));
        return JSON.writeValueAsBytes(root);
    }
}

package org.originhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.format.NationalCertificate;
import org.originhub.format.NationalDocumentException;
import org.originhub.format.NationalFormats;
import org.originhub.format.XsltEngine;
import org.originhub.support.Canary;
import org.originhub.support.HostileDocuments;
import org.originhub.support.HostileDocuments.Payload;

/**
 * Every XML door of the hub, without a hub: each parser the hub uses, fed each hostile document, reads no file and
 * opens no connection. The same documents go through every channel of a running hub in HostileInputMatrixTest.
 */
class HardenedParsersTest {

    @TempDir
    static Path folder;
    private static String marker;
    private static Path secret;
    private static Canary canary;
    private static HostileDocuments documents;
    private static NationalFormats formats;
    private static CanonicalModel canonical;
    private static String envelopeTemplate;

    @BeforeAll
    static void secretAndCanary() throws Exception {
        marker = "SECRET-" + UUID.randomUUID();
        secret = folder.resolve("secret.txt");
        Files.writeString(secret, marker);
        canary = new Canary(secret.toUri().toString());
        documents = new HostileDocuments(secret.toUri().toString(), canary, 4096);
        formats = NationalFormats.fromProjectDirectories();
        canonical = new CanonicalModel(Path.of("xsd/canonical/v1/originhub-envelope.xsd").toUri().toURL());
        byte[] certificate = formats.toCanonical(formats.read("formd-xml",
                HostileDocuments.formd("TH-TEMPLATE-1").getBytes(StandardCharsets.UTF_8)).get(0)).canonical();
        envelopeTemplate = new String(canonical.write(new EnvelopeFactory().certificate(canonical.readCertificate(certificate),
                "TH:OH", "VN:OH")), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopCanary() throws Exception {
        canary.close();
    }

    private int connectionsBefore;

    @BeforeEach
    void countConnections() {
        connectionsBefore = canary.connections().size();
    }

    @AfterEach
    void nothingWasFetched() {
        List<String> connections = canary.connections();
        assertThat(connections.subList(connectionsBefore, connections.size())).as("connections to the canary").isEmpty();
    }

    static Stream<Payload> xmlPayloads() {
        return Stream.of(Payload.values()).filter(p -> p.syntax == HostileDocuments.Syntax.XML && p != Payload.OVERSIZE);
    }

    @ParameterizedTest
    @MethodSource("xmlPayloads")
    void nationalXmlReaderRefusesOrReadsAsText(Payload payload) {
        byte[] document = documents.national(payload, "TH-PARSER-1");
        String read;
        try {
            List<NationalCertificate> certificates = formats.read("formd-xml", document);
            read = certificates.toString() + certificates.get(0).source();
            if (payload.refused) {
                assertThat(certificates.get(0).errors()).as(payload + " must fail the national check").isNotEmpty();
            }
        } catch (NationalDocumentException e) {
            assertThat(payload.refused).as(payload + " refused: " + e.errors()).isTrue();
            read = e.errors().toString();
        }
        assertThat(read).doesNotContain(marker).doesNotContain("lollollol");
    }

    @ParameterizedTest
    @MethodSource("xmlPayloads")
    void canonicalModelRefusesOrReadsAsText(Payload payload) throws Exception {
        byte[] envelope = documents.envelope(payload, envelopeTemplate, "TH-TEMPLATE-1", "TH-PARSER-2");
        CanonicalModel.ParsedEnvelope parsed = canonical.parseEnvelope(envelope);
        assertThat(parsed.valid()).as(payload + ": " + parsed.errors()).isEqualTo(!payload.refused);
        assertThat(parsed.errors().toString()).doesNotContain(marker);
        if (parsed.envelope() != null) {
            assertThat(new String(canonical.write(parsed.envelope()), StandardCharsets.UTF_8)).doesNotContain(marker)
                    .doesNotContain("lollollol");
        }
        // a file from a partner's directory is first looked at to tell an envelope from a batch
        try {
            assertThat(canonical.envelopeDocumentsOf(envelope).stream()
                    .map(document -> new String(document, StandardCharsets.UTF_8)).toList().toString()).doesNotContain(marker);
        } catch (RuntimeException e) {
            assertThat(payload.refused).as(payload + " refused: " + e).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Payload.class, names = {"EXTERNAL_ENTITY_FILE", "EXTERNAL_DTD_PARAMETER_ENTITY", "BILLION_LAUGHS", "XINCLUDE"})
    void hubEngineParseRefusesDoctypes(Payload payload) {
        XsltEngine engine = new XsltEngine();
        byte[] document = documents.national(payload, "TH-PARSER-3");
        if (payload == Payload.XINCLUDE) {
            assertThat(engine.parse(document).toString()).doesNotContain(marker);
        } else {
            assertThatThrownBy(() -> engine.parse(document)).hasMessageContaining("DOCTYPE").hasMessageNotContaining(marker);
        }
    }

    /** Saxon through the hub's one processor: the hub's own folders are readable, nothing else is. */
    private static XsltEngine hubEngine() throws Exception {
        return new XsltEngine(Path.of("xslt").toUri().toURL(), Path.of("xsd").toUri().toURL());
    }

    static Stream<String> readsOutsideTheHubsFolders() throws Exception {
        Path json = Files.writeString(folder.resolve("secret.json"), "{\"secret\": \"" + marker + "\"}");
        Path xml = Files.writeString(folder.resolve("secret.xml"), "<secret>" + marker + "</secret>");
        String xslt = Path.of("xslt").toUri().toString();
        return Stream.of(
                "doc('" + canary.url("/doc.xml") + "')",
                "string(doc('" + xml.toUri() + "'))",
                "doc-available('" + canary.url("/available.xml") + "')",
                "unparsed-text('" + secret.toUri() + "')",
                "unparsed-text-lines('" + secret.toUri() + "')",
                "unparsed-text-available('" + canary.url("/available.txt") + "')",
                "string(json-doc('" + json.toUri() + "')?secret)",
                "count(collection('" + folder.toUri() + "'))",
                // out of the stylesheet folder by a relative path, plain or percent-encoded
                "string(doc('" + xslt + "../pom.xml'))",
                "string(doc('" + xslt + "codelists/%2e%2e/%2e%2e/pom.xml'))",
                "string(doc('" + xslt + "codelists/../../pom.xml'))");
    }

    @ParameterizedTest
    @MethodSource("readsOutsideTheHubsFolders")
    void saxonReadsNothingOutsideTheHubsFolders(String expression) throws Exception {
        var xpath = hubEngine().processor().newXPathCompiler();
        String result;
        try {
            result = xpath.evaluate(expression, null).toString();
        } catch (net.sf.saxon.s9api.SaxonApiException e) {
            result = e.getMessage();
        }
        assertThat(result).as(expression).doesNotContain(marker).doesNotContain("<project").doesNotContain("true");
    }

    @Test
    void saxonStillReadsTheHubsOwnCodeListsAndStylesheets() throws Exception {
        var xpath = hubEngine().processor().newXPathCompiler();
        String countries = Path.of("xslt/codelists/canonical/countries.xml").toUri().toString();
        assertThat(xpath.evaluate("count(doc('" + countries + "')//*)", null).toString()).isNotEqualTo("0");
        // the stylesheets compile: their xsl:include of ../common/ stays inside the hub's folder
        assertThat(NationalFormats.fromProjectDirectories().ids()).contains("formd-xml", "kr-csv", "cl-json");
    }

    @Test
    void stylesheetReachingOutsideFailsAtCompileOrRunTime() throws Exception {
        Path outside = Files.writeString(folder.resolve("outside.xsl"), "<xsl:stylesheet version='3.0' "
                + "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:variable name='leak' select='\"" + marker
                + "\"'/></xsl:stylesheet>");
        Path including = Files.writeString(folder.resolve("including.xsl"), "<xsl:stylesheet version='3.0' "
                + "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:include href='" + outside.toUri() + "'/>"
                + "</xsl:stylesheet>");
        assertThatThrownBy(() -> hubEngine().compile(including.toUri().toURL())).hasMessageNotContaining(marker);

        // xsl:result-document is refused when the stylesheet compiles (Saxon ties it to extension functions)
        Path written = folder.resolve("written.txt");
        Path writing = Files.writeString(folder.resolve("writing.xsl"), "<xsl:stylesheet version='3.0' "
                + "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:template name='xsl:initial-template'>"
                + "<xsl:result-document href='" + written.toUri() + "' method='text'>written</xsl:result-document>"
                + "</xsl:template></xsl:stylesheet>");
        assertThatThrownBy(() -> hubEngine().compile(writing.toUri().toURL())).hasMessageContaining("does not compile");
        assertThat(written).doesNotExist();

        Path reading = Files.writeString(folder.resolve("reading.xsl"), "<xsl:stylesheet version='3.0' expand-text='yes' "
                + "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:template name='xsl:initial-template'>"
                + "<done>{unparsed-text('" + secret.toUri() + "')}{document('" + canary.url("/document.xml") + "')}</done>"
                + "</xsl:template></xsl:stylesheet>");
        XsltEngine engine = hubEngine();
        var transformer = engine.compile(reading.toUri().toURL()).load30();
        var out = new java.io.StringWriter();
        assertThatThrownBy(() -> transformer.callTemplate(null, engine.processor().newSerializer(out)))
                .hasMessageContaining("outside the hub's own folders").hasMessageNotContaining(marker);
        assertThat(out.toString()).doesNotContain(marker);
    }

    @Test
    void schemaValidatorsMayFetchNothingWhateverAnInstanceNames() throws Exception {
        var schema = org.originhub.xml.SecureXml.compileSchema(Path.of("xsd/canonical/v1/originhub-envelope.xsd").toUri().toURL());
        var validator = schema.newValidator();
        // an instance that imports a schema of its own for an element the hub's schema does not know
        String instance = "<Envelope xmlns='urn:originhub:canonical:1' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
                + " xsi:schemaLocation='urn:evil " + canary.url("/evil.xsd") + "'><e:Evil xmlns:e='urn:evil'"
                + " xsi:schemaLocation='urn:evil " + secret.toUri() + "'/></Envelope>";
        assertThatThrownBy(() -> validator.validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(instance))))
                .hasMessageNotContaining(marker);
    }

    @Test
    void schemaIncludesOutsideTheSchemasFolderAreRefused() throws Exception {
        Path evil = Files.writeString(folder.resolve("evil.xsd"), "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>"
                + "<xs:include schemaLocation='" + canary.url("/included.xsd") + "'/>"
                + "<xs:include schemaLocation='../" + secret.getFileName() + "'/></xs:schema>");
        assertThatThrownBy(() -> org.originhub.xml.SecureXml.compileSchema(evil.toUri().toURL()))
                .hasMessageNotContaining(marker);
    }
}

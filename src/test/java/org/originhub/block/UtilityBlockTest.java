package org.originhub.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.config.HubDirectory;
import org.originhub.config.HubProperties;
import org.originhub.config.PartnerDefinition;
import org.originhub.config.RetryPolicy;
import org.originhub.config.SourceDefinition;
import org.originhub.format.HubError;
import org.originhub.format.MappingResult;
import org.originhub.format.NationalFormats;
import org.originhub.format.XsltEngine;

/** Utility blocks as the hub reads and enforces them, without Camel: binding, checks, and the rules they carry. */
class UtilityBlockTest {

    private static final CanonicalModel CANONICAL = new CanonicalModel(
            url("xsd/canonical/v1/originhub-envelope.xsd"));
    /** One engine for the formats and the enforcer, as in the hub (one XsltEngine bean): the stylesheet's tree is checked as it is. */
    private static final XsltEngine ENGINE = new XsltEngine(url("xslt/"), url("xsd/"));
    private static final NationalFormats FORMATS = NationalFormats.load(ENGINE, Path.of("config/formats").toUri().toString(),
            Path.of("xslt").toUri().toString(), Path.of("xsd").toUri().toString());
    private static final HubDirectory DIRECTORY = new HubDirectory(
            Map.of("formd-xml", new SourceDefinition("formd-xml", "formd-xml", "test", List.of(SourceDefinition.Channel.http))),
            Map.of("vn", new PartnerDefinition("vn", "VN:GDVC", "Viet Nam", "VN", PartnerDefinition.Channel.http,
                    "http://vn.example/api/v1/exchange", "canonical", "standard")),
            Map.of("standard", new RetryPolicy(3, 100, 2.0, 1000, null)));

    @TempDir
    Path blocks;

    private static java.net.URL url(String path) {
        try {
            return Path.of(path).toAbsolutePath().toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String block(String id, String messages, String dataCluster) {
        return """
                id: %s
                name: ATIGA e-Form D TH-VN
                rationale:
                  purpose: Test.
                  legalBasis:
                    agreement: ATIGA
                process:
                  trigger: Certificate approved.
                  entities:
                    countries: [TH, VN]
                    partners: [vn]
                    sources: [formd-xml]
                  messages: %s
                  rules:
                    forms: [D]
                %stechnical:
                  serviceInterface: POST /api/v1/exchange
                  communication: HTTPS
                """.formatted(id, messages, dataCluster);
    }

    private static final String FOB_FOR_RVC = """
              dataCluster:
                required:
                  - each: "GoodsItem[OriginCriterion/Code = 'RVC']"
                    element: FOBValue
                    reason: FOB value required for RVC
            """;

    private BlockEnforcer enforcer(String file, String yaml) throws Exception {
        Files.writeString(blocks.resolve(file), yaml);
        return new BlockEnforcer(new BlockRegistry(blocks.toUri().toString(), DIRECTORY,
                new HubProperties.Hub("th", "DFT", List.of("TH")), ENGINE.processor()), ENGINE);
    }

    /** The TH-VN sample with the FOB value of its RVC item (item 2) removed, as canonical XML. */
    private static byte[] rvcWithoutFob() {
        return rvcWithoutFobMapped().canonical();
    }

    private static MappingResult rvcWithoutFobMapped() {
        String formd = new String(sample(), StandardCharsets.UTF_8).replace("<FOBValue>USD 71,200.00</FOBValue>", "");
        return FORMATS.toCanonical(FORMATS.read("formd-xml", formd.getBytes(StandardCharsets.UTF_8)).get(0));
    }

    private static byte[] sample() {
        try {
            return Files.readAllBytes(Path.of("samples/formd-xml/TH-VN-rubber.xml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void blockRequiringFobForRvcRejectsACertificateWithoutItWithACodedError() throws Exception {
        BlockEnforcer enforcer = enforcer("strict.yaml", block("strict", "[ECO, ACK]", FOB_FOR_RVC));
        byte[] canonical = rvcWithoutFob();
        List<HubError> errors = new ArrayList<>();

        enforcer.outbound(CANONICAL.readCertificate(canonical), ENGINE.parse(canonical), "formd-xml", errors);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("E001");
            assertThat(error.field()).isEqualTo("/CertificateOfOrigin/GoodsItem[2]/FOBValue");
            assertThat(error.message()).contains("strict", "FOB value required for RVC");
        });
    }

    @Test
    void theDataClusterFindsTheSameOnTheStylesheetsTreeAsOnTheSerialisedDocument() throws Exception {
        BlockEnforcer enforcer = enforcer("strict.yaml", block("strict", "[ECO, ACK]", FOB_FOR_RVC));
        MappingResult mapped = rvcWithoutFobMapped();
        CertificateOfOriginType certificate = CANONICAL.readCertificate(mapped.canonical());
        List<HubError> onTree = new ArrayList<>();
        List<HubError> onBytes = new ArrayList<>();

        // the hub checks the tree the stylesheet built; a partner's document is parsed from its bytes
        enforcer.outbound(certificate, mapped.tree(), "formd-xml", onTree);
        enforcer.outbound(certificate, ENGINE.parse(mapped.canonical()), "formd-xml", onBytes);

        assertThat(onTree).extracting(HubError::field).containsExactly("/CertificateOfOrigin/GoodsItem[2]/FOBValue");
        assertThat(onTree).isEqualTo(onBytes);
    }

    @Test
    void theDataClusterFindsTheSameOnTheVerifiedTreeAsOnTheReceivedBytes() throws Exception {
        BlockEnforcer enforcer = enforcer("strict.yaml", block("strict", "[ECO, ACK]", FOB_FOR_RVC));
        byte[] canonical = rvcWithoutFob();
        CertificateOfOriginType certificate = CANONICAL.readCertificate(canonical);
        List<HubError> onTree = new ArrayList<>();
        List<HubError> onBytes = new ArrayList<>();

        // the receiving hub reads it from the DOM its signature check parsed; with signatures off, from the bytes
        enforcer.inbound("ECO", "ATIGA", "VN:GDVC", certificate, canonical,
                org.originhub.xml.SecureXml.parseDocument(canonical), onTree);
        enforcer.inbound("ECO", "ATIGA", "VN:GDVC", certificate, canonical, null, onBytes);

        assertThat(onBytes).extracting(HubError::field).containsExactly("/CertificateOfOrigin/GoodsItem[2]/FOBValue");
        assertThat(onTree).isEqualTo(onBytes);
    }

    @Test
    void blockWithoutThatRuleAcceptsTheSameCertificateAndNamesItsPartner() throws Exception {
        BlockEnforcer enforcer = enforcer("lenient.yaml", block("lenient", "[ECO, ACK]", ""));
        byte[] canonical = rvcWithoutFob();
        List<HubError> errors = new ArrayList<>();

        BlockEnforcer.Assignment assignment = enforcer.outbound(CANONICAL.readCertificate(canonical), ENGINE.parse(canonical), "formd-xml",
                errors);

        assertThat(errors).isEmpty();
        assertThat(assignment.blockId()).isEqualTo("lenient");
        assertThat(assignment.partner().id()).isEqualTo("vn");
    }

    @Test
    void messageTypeTheBlockDoesNotAllowIsRejected() throws Exception {
        BlockEnforcer enforcer = enforcer("acks-only.yaml", block("acks-only", "[ACK]", ""));
        byte[] canonical = FORMATS.toCanonical(FORMATS.read("formd-xml", sample()).get(0)).canonical();
        CertificateOfOriginType certificate = CANONICAL.readCertificate(canonical);
        List<HubError> outbound = new ArrayList<>();
        List<HubError> inbound = new ArrayList<>();

        enforcer.outbound(certificate, ENGINE.parse(canonical), "formd-xml", outbound);
        enforcer.inbound("ECO", "ATIGA", "VN:GDVC", certificate, canonical, null, inbound);

        assertThat(outbound).extracting(HubError::code).containsExactly("E020");
        assertThat(outbound.get(0).message()).contains("message type ECO is not exchanged under block acks-only");
        assertThat(inbound).extracting(HubError::code).containsExactly("E020");
    }

    @Test
    void unknownFieldIsRefusedNamingFileLineAndField() throws Exception {
        String yaml = block("typo", "[ECO, ACK]", "").replace("    forms: [D]", "    forms: [D]\n    frobnicate: true");
        assertThatThrownBy(() -> enforcer("typo.yaml", yaml))
                .isInstanceOfSatisfying(BlockConfigurationException.class, refused -> {
                    assertThat(refused.file()).isEqualTo("typo.yaml");
                    assertThat(refused.line()).isEqualTo(16);
                    assertThat(refused.field()).isEqualTo("process.rules.frobnicate");
                });
    }

    @Test
    void valueTheSchemaForbidsIsRefusedAtItsLine() throws Exception {
        String yaml = block("bad-country", "[ECO, ACK]", "").replace("countries: [TH, VN]", "countries: [TH, vietnam]");
        assertThatThrownBy(() -> enforcer("bad-country.yaml", yaml))
                .isInstanceOfSatisfying(BlockConfigurationException.class, refused -> {
                    assertThat(refused.line()).isEqualTo(10);
                    assertThat(refused.field()).isEqualTo("process.entities.countries[1]");
                });
    }

    @Test
    void missingRequiredPartIsRefusedNamingTheField() throws Exception {
        String yaml = block("no-tech", "[ECO, ACK]", "").replaceAll("(?s)technical:.*", "");
        assertThatThrownBy(() -> enforcer("no-tech.yaml", yaml))
                .isInstanceOfSatisfying(BlockConfigurationException.class,
                        refused -> assertThat(refused.getMessage()).contains("no-tech.yaml", "technical"));
    }

    @Test
    void referenceToAnUnknownPartnerIsRefusedAtItsLine() throws Exception {
        String yaml = block("ghost", "[ECO, ACK]", "").replace("partners: [vn]", "partners: [vn, ghost]");
        assertThatThrownBy(() -> enforcer("ghost.yaml", yaml))
                .isInstanceOfSatisfying(BlockConfigurationException.class, refused -> {
                    assertThat(refused.line()).isEqualTo(11);
                    assertThat(refused.field()).isEqualTo("process.entities.partners[1]");
                    assertThat(refused.getMessage()).contains("no partner 'ghost'");
                });
    }
}

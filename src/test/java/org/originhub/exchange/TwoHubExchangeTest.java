package org.originhub.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.support.HubTestSupport.await;
import static org.originhub.support.HubTestSupport.get;
import static org.originhub.support.HubTestSupport.post;
import static org.originhub.support.HubTestSupport.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.OriginHubApplication;
import org.originhub.support.HubTestSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two hubs in one JVM, each with its own configuration, broker, database and port: TH (issuing) and VN
 * (importing), both running on utility blocks. TH's partners and blocks exist only in test configuration
 * (src/test/resources/hubs/th): adding a partner or an agreement takes YAML files, no Java and no route edit.
 */
class TwoHubExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TH_PORT = HubTestSupport.freePort();
    private static final int VN_PORT = HubTestSupport.freePort();
    private static final int DEAD_PORT = HubTestSupport.freePort();
    private static final Path TH_DATA = HubTestSupport.dataDir("th");
    private static final Path VN_DATA = HubTestSupport.dataDir("vn");

    /** TH's blocks live in a folder the tests may edit, as an operator would. */
    private static final Path TH_BLOCKS = TH_DATA.resolve("blocks");

    private static ConfigurableApplicationContext th;
    private static ConfigurableApplicationContext vn;

    @BeforeAll
    static void startBothHubs() throws Exception {
        Files.createDirectories(TH_BLOCKS);
        try (var files = Files.list(Path.of("src/test/resources/hubs/th/blocks"))) {
            for (Path file : files.toList()) {
                Files.copy(file, TH_BLOCKS.resolve(file.getFileName()));
            }
        }
        vn = start("vn", "GDVC", "VN", VN_PORT, VN_DATA, "classpath:hubs/vn/blocks/");
        th = start("th", "DFT", "TH", TH_PORT, TH_DATA, TH_BLOCKS.toUri().toString());
    }

    private static ConfigurableApplicationContext start(String name, String agency, String country, int port, Path data,
            String blocks) {
        // As command-line arguments: they outrank application.properties (builder properties would not).
        return new SpringApplicationBuilder(OriginHubApplication.class).run(
                "--server.port=" + port,
                "--originhub.hub.name=" + name,
                "--originhub.hub.agency=" + agency,
                "--originhub.hub.countries=" + country,
                "--originhub.data-dir=" + data,
                "--originhub.partners-location=classpath:hubs/" + name + "/partners/",
                "--originhub.sources-location=classpath:hubs/" + name + "/sources/",
                "--originhub.blocks-location=" + blocks,
                "--test.partner.vn.endpoint=http://localhost:" + VN_PORT + "/api/v1/exchange",
                "--test.partner.th.endpoint=http://localhost:" + TH_PORT + "/api/v1/exchange",
                "--test.partner.la.endpoint=http://localhost:" + DEAD_PORT + "/api/v1/exchange");
    }

    @AfterAll
    static void stopBothHubs() {
        if (th != null) {
            th.close();
        }
        if (vn != null) {
            vn.close();
        }
    }

    @Test
    void formdCertificatePostedToThArrivesAtVnIsAcknowledgedAndReachesVnNationalSystemInFormd() throws Exception {
        NotifyBuilder handedOver = new NotifyBuilder(vn.getBean(CamelContext.class))
                .fromRoute("hand-over-to-national").whenCompleted(1).create();

        var answer = post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                sample("formd-xml/TH-VN-rubber.xml"));

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(answer.body()).get("certificates").get(0);
        assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("partner").asText()).isEqualTo("vn");
        String id = "TH-DFT-2025-D-0001234";

        await("TH to record VN's ACK", Duration.ofSeconds(30), () -> "ACCEPTED".equals(status(TH_PORT, id)));
        assertThat(handedOver.matches(30, TimeUnit.SECONDS)).isTrue();

        assertThat(events(TH_PORT, id)).containsSubsequence("RECEIVED", "TRANSFORMED", "VALIDATED", "QUEUED", "SENT",
                "ACKNOWLEDGED");
        assertThat(events(VN_PORT, id)).containsSubsequence("EXCHANGE_RECEIVED", "ACK_SENT", "HANDED_TO_NATIONAL");
        assertThat(status(VN_PORT, id)).isEqualTo("ACCEPTED");

        Path national = VN_DATA.resolve("outbox/national/" + id + ".xml");
        assertThat(national).exists();
        String formd = Files.readString(national, StandardCharsets.UTF_8);
        assertThat(formd).contains("urn:x-sample:eco:formd:1", "<RefNo>" + id + "</RefNo>",
                "<ImportingCountry>VIET NAM</ImportingCountry>", "Siam Rubber Co., Ltd.", "<HSCode>4015.19</HSCode>");

        String canonical = get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body();
        assertThat(canonical).contains("urn:originhub:canonical:1", "<SenderID>TH:DFT</SenderID>",
                "<ReceiverID>VN:GDVC</ReceiverID>", "<CertificateID>" + id + "</CertificateID>");
    }

    @Test
    void certificateVnRefusesIsRejectedOnceAndNeverRetried() throws Exception {
        // VN exchanges ATIGA only with TH: an ACFTA certificate is answered RE with E020.
        String id = "TH-DFT-2025-E-0000777";
        byte[] acfta = new String(sample("formd-xml/TH-VN-rubber.xml"), StandardCharsets.UTF_8)
                .replace("TH-DFT-2025-D-0001234", id)
                .replace("<Agreement>ATIGA</Agreement>", "<Agreement>ACFTA</Agreement>")
                .replace("<FormType>D</FormType>", "<FormType>E</FormType>").getBytes(StandardCharsets.UTF_8);

        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", acfta).statusCode())
                .isEqualTo(202);

        await("TH to record VN's rejection", Duration.ofSeconds(30), () -> "REJECTED".equals(status(TH_PORT, id)));
        List<String> events = events(TH_PORT, id);
        assertThat(events).containsSubsequence("SENT", "PARTNER_REJECTED");
        assertThat(events).filteredOn("SENT"::equals).hasSize(1);
        assertThat(events).doesNotContain("DELIVERY_RETRY", "FAILED");
        assertThat(history(TH_PORT, id).toString()).contains("E020");
    }

    @Test
    void partnerThatCannotBeReachedIsRetriedWithBackOffThenFailedAndDeadLettered() throws Exception {
        String id = "TH-DFT-2025-D-0000404";
        byte[] toLaos = variant(id, "LAO PDR");

        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", toLaos).statusCode())
                .isEqualTo(202);

        await("the delivery to LA to fail", Duration.ofSeconds(30), () -> "FAILED".equals(status(TH_PORT, id)));
        assertThat(events(TH_PORT, id)).containsSubsequence("QUEUED", "SENT", "DELIVERY_RETRY", "FAILED");
        assertThat(history(TH_PORT, id).toString()).contains("Connect");
    }

    @Test
    void partnerAnswering503IsRetriedExactlyAsItsPolicySaysThenFailed() throws Exception {
        CamelContext camel = th.getBean(CamelContext.class);
        AdviceWith.adviceWith(camel, "deliver-http-kh",
                route -> route.weaveById("post-to-partner").replace().to("mock:kh-partner"));
        MockEndpoint partner = camel.getEndpoint("mock:kh-partner", MockEndpoint.class);
        partner.whenAnyExchangeReceived(exchange -> {
            throw new HttpOperationFailedException("http://kh.example/api/v1/exchange", 503, "Service Unavailable", null,
                    null, "busy");
        });
        partner.expectedMessageCount(2); // the impatient policy: 2 attempts

        String id = "TH-DFT-2025-D-0000503";
        byte[] toCambodia = variant(id, "CAMBODIA");
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", toCambodia).statusCode())
                .isEqualTo(202);

        await("the delivery to KH to fail", Duration.ofSeconds(30), () -> "FAILED".equals(status(TH_PORT, id)));
        partner.assertIsSatisfied();
        assertThat(history(TH_PORT, id).toString()).contains("503");
    }

    @Test
    void blockAddedWhileTheHubRunsEnablesExchangeWithANewPartner() throws Exception {
        String before = "TH-DFT-2025-D-0000601";
        var refused = post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", variant(before, "MALAYSIA"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("E020", "no utility block covers ATIGA certificates from TH to MY");

        Files.writeString(TH_BLOCKS.resolve("atiga-eform-d-th-my.yaml"), Files.readString(
                TH_BLOCKS.resolve("atiga-eform-d-th-vn.yaml")).replace("atiga-eform-d-th-vn", "atiga-eform-d-th-my")
                .replace("[TH, VN]", "[TH, MY]").replace("[vn]", "[my]"));
        var reloaded = post(TH_PORT, "/api/v1/blocks/reload", "application/json", new byte[0]);
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body()).contains("atiga-eform-d-th-my");

        String after = "TH-DFT-2025-D-0000602";
        var accepted = post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", variant(after, "MALAYSIA"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"partner\":\"my\"");
        await("the certificate to be sent to MY", Duration.ofSeconds(30), () -> {
            try {
                return events(TH_PORT, after).contains("SENT");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(JSON.readTree(get(TH_PORT, "/api/v1/blocks/atiga-eform-d-th-my").body()).at("/figures").toString())
                .isNotEmpty();
    }

    @Test
    void brokenBlockFileIsRefusedWithFileLineAndFieldAndTheBlocksInForceStay() throws Exception {
        int blocksBefore = JSON.readTree(get(TH_PORT, "/api/v1/blocks").body()).size();
        Path broken = TH_BLOCKS.resolve("atiga-eform-d-th-zz.yaml");
        Files.writeString(broken, Files.readString(TH_BLOCKS.resolve("atiga-eform-d-th-vn.yaml"))
                .replace("atiga-eform-d-th-vn", "atiga-eform-d-th-zz").replace("partners: [vn]", "partners: [vn, zz]"));
        try {
            var refused = post(TH_PORT, "/api/v1/blocks/reload", "application/json", new byte[0]);
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.get("file").asText()).isEqualTo("atiga-eform-d-th-zz.yaml");
            assertThat(problem.get("field").asText()).isEqualTo("process.entities.partners[1]");
            assertThat(problem.get("line").asInt()).isEqualTo(lineOf(broken, "partners:"));
            assertThat(JSON.readTree(get(TH_PORT, "/api/v1/blocks").body()).size()).isEqualTo(blocksBefore);
        } finally {
            Files.delete(broken);
        }
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The TH-VN sample with another certificate id and importing country (Form D country name). */
    private static byte[] variant(String id, String importingCountry) {
        return new String(sample("formd-xml/TH-VN-rubber.xml"), StandardCharsets.UTF_8)
                .replace("TH-DFT-2025-D-0001234", id)
                .replace("<ImportingCountry>VIET NAM</ImportingCountry>", "<ImportingCountry>" + importingCountry
                        + "</ImportingCountry>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String status(int port, String id) {
        var response = get(port, "/api/v1/certificates/" + id);
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            return JSON.readTree(response.body()).get("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode history(int port, String id) throws Exception {
        return JSON.readTree(get(port, "/api/v1/certificates/" + id).body()).get("events");
    }

    private static List<String> events(int port, String id) throws Exception {
        List<String> names = new ArrayList<>();
        history(port, id).forEach(event -> names.add(event.get("event").asText()));
        return names;
    }
}

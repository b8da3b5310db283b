package org.originhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.security.Doors.Verdict.ACCEPTED;
import static org.originhub.security.Doors.Verdict.REFUSED_WITH_CODE;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.originhub.security.Doors.Answer;
import org.originhub.security.Doors.Ingress;
import org.originhub.sftp.EmbeddedSftpServer;
import org.originhub.support.Canary;
import org.originhub.support.HostileDocuments;
import org.originhub.support.HostileDocuments.Payload;
import org.originhub.support.HostileDocuments.Syntax;
import org.originhub.support.HubTestSupport;
import org.originhub.support.LogCapture;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * Acceptance test of hardened input (issue #5): one hub with every door open (HTTP with and without a length, JMS bytes
 * and text, SFTP outbox, drop folder, exchange endpoint, a partner's SFTP directory) is fed every hostile document:
 * external entities, an external DTD with parameter entities, billion laughs, schema locations, XInclude, markup
 * inside CSV and JSON fields, oversize documents. Each is refused with a coded error, or accepted with the markup
 * kept as text; the secret file's content shows up nowhere, the canary is never called, and the next good document
 * on the same door is accepted. Then headers and file names from outside try to steer the hub, and last the whole
 * data folder, database and log are searched for the secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputMatrixTest {

    private static final int PORT = HubTestSupport.freePort();
    private static final int SFTP_PORT = HubTestSupport.freePort();
    private static final int MAX_BYTES = 64 * 1024;
    private static final Path DATA = HubTestSupport.dataDir("hostile");
    private static final String PARTNER_DIRECTORY = "partners/hostile/inbox";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration ASYNC = Duration.ofSeconds(30);

    private static String marker;
    private static Canary canary;
    private static EmbeddedSftpServer sftp;
    private static ConfigurableApplicationContext hub;
    private static LogCapture logs;
    private static HostileDocuments documents;
    private static Doors doors;
    private static JmsTemplate jms;
    private static String templateId;
    private static String envelopeTemplate;

    @BeforeAll
    static void startHubWithEveryDoorOpen() throws Exception {
        // the secret lives outside the hub's data folder, which is searched for it at the end
        Path secret = HubTestSupport.dataDir("hostile-secret").resolve("secret.txt");
        marker = "SECRET-MARKER-" + UUID.randomUUID();
        Files.writeString(secret, marker);
        canary = new Canary(secret.toUri().toString());
        documents = new HostileDocuments(secret.toUri().toString(), canary, MAX_BYTES);
        sftp = new EmbeddedSftpServer("127.0.0.1", SFTP_PORT, DATA.resolve("sftp-server"), DATA.resolve("sftp-host-key.pem"),
                "originhub", "hostile-test");
        hub = HubTestSupport.startHub(
                "--server.port=" + PORT,
                "--originhub.hub.name=hostile",
                "--originhub.data-dir=" + DATA,
                "--originhub.ingest.max-bytes=" + MAX_BYTES,
                // the demo sources read <format>/outbox on this server; the demo partner th also leaves envelopes on it
                "--originhub.sftp.embedded.port=" + SFTP_PORT,
                "--originhub.sftp.embedded.password=hostile-test",
                "--originhub.sftp.poll-delay=250",
                "--management.endpoint.health.show-details=always",
                "--originhub.partners-location=" + partnersWithAnInboundDirectory().toUri());
        logs = LogCapture.attach();
        jms = new JmsTemplate(hub.getBean(jakarta.jms.ConnectionFactory.class));
        doors = new Doors(PORT, DATA, sftp.root(), PARTNER_DIRECTORY, jms);
        // a real envelope of this hub (TH:OH to VN:OH) is the model for the partner's envelopes
        templateId = id();
        HttpResponse<String> accepted = HubTestSupport.post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                HostileDocuments.formd(templateId).getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        envelopeTemplate = HubTestSupport.get(PORT, "/api/v1/certificates/" + templateId + "/canonical").body();
    }

    /** The demo partners, with th (TH:OH) also leaving envelopes for this hub in an SFTP directory. */
    private static Path partnersWithAnInboundDirectory() throws IOException {
        Path partners = Files.createDirectories(DATA.resolve("partners"));
        try (var files = Files.list(Path.of("config/partners"))) {
            for (Path file : files.toList()) {
                Files.copy(file, partners.resolve(file.getFileName()));
            }
        }
        Files.writeString(partners.resolve("th.yaml"), Files.readString(partners.resolve("th.yaml"))
                + "\ninbound:\n  sftp:\n    host: 127.0.0.1\n    port: " + SFTP_PORT + "\n    username: originhub\n"
                + "    password: hostile-test\n    strictHostKeyChecking: \"no\"\n    directory: " + PARTNER_DIRECTORY + "\n");
        return partners;
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (logs != null) {
            logs.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (sftp != null) {
            sftp.close();
        }
        if (canary != null) {
            canary.close();
        }
    }

    private static String id() {
        return "TH-X" + RUN + "-" + SEQ.incrementAndGet();
    }

    /** Every door × every payload it can carry: partners send envelopes (XML), so CSV and JSON go to national doors only. */
    static Stream<Arguments> matrix() {
        return Stream.of(Ingress.values()).flatMap(ingress -> Stream.of(Payload.values())
                .filter(payload -> ingress.national || payload.syntax == Syntax.XML)
                .map(payload -> Arguments.of(ingress, payload)));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void hostileDocumentIsRefusedOrReadAsTextLeaksNothingAndTheNextGoodOneIsAccepted(Ingress ingress, Payload payload)
            throws Exception {
        int connections = canary.connections().size();
        String source = switch (payload.syntax) {
            case XML -> "formd-xml";
            case CSV -> "kr-csv";
            case JSON -> "cl-json";
        };
        String extension = ingress.national ? extension(payload.syntax) : "xml";
        String id = id();
        byte[] hostile = ingress.national ? documents.national(payload, id)
                : documents.envelope(payload, envelopeTemplate, templateId, id);

        String goodId = id();
        List<Answer> answers = doors.feed(ingress, source, List.of(new Doors.Document(id + "." + extension, hostile),
                new Doors.Document(goodId + "." + extension, goodDocument(ingress, payload.syntax, goodId))));
        Answer answer = answers.get(0);
        Answer good = answers.get(1);

        assertThat(answer.verdict()).as(answer.text()).isEqualTo(payload.refused ? REFUSED_WITH_CODE : ACCEPTED);
        assertNoLeak(answer.text());
        assertThat(good.verdict()).as("the next good document: " + good.text()).isEqualTo(ACCEPTED);
        if (!payload.refused) {
            // accepted with the markup as text: it travels to the partner (this hub) and on to the national system
            Path national = DATA.resolve("outbox/national").resolve(id + "." + (ingress.national ? extension : "xml"));
            HubTestSupport.await(id + " at the national system", ASYNC, () -> Files.exists(national));
            String handedOver = Files.readString(national, StandardCharsets.UTF_8);
            assertNoLeak(handedOver);
            if (payload != Payload.SCHEMA_LOCATION && payload != Payload.NO_NAMESPACE_SCHEMA_LOCATION) {
                assertThat(handedOver).as("the markup kept as text").contains("ENTITY x SYSTEM");
            }
        }
        assertNoLeak(HubTestSupport.get(PORT, "/api/v1/certificates/" + id).body());
        assertNoLeak(HubTestSupport.get(PORT, "/api/v1/certificates/" + id + "/canonical").body());
        assertThat(canary.connections().subList(connections, canary.connections().size())).as("fetched by the hub").isEmpty();
        assertHealthy();
    }

    /** UP, or back to UP soon: a component may report DOWN for a moment while a consumer reconnects under load. */
    private static void assertHealthy() {
        String[] health = new String[1];
        try {
            HubTestSupport.await("the hub to be healthy", ASYNC, () -> {
                health[0] = HubTestSupport.get(PORT, "/actuator/health", null).body();
                return health[0].startsWith("{\"status\":\"UP\"");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + health[0], e);
        }
    }

    private static String extension(Syntax syntax) {
        return switch (syntax) {
            case XML -> "xml";
            case CSV -> "csv";
            case JSON -> "json";
        };
    }

    private static byte[] goodDocument(Ingress ingress, Syntax syntax, String id) {
        if (!ingress.national) {
            return documents.envelope(envelopeTemplate, templateId, id);
        }
        return switch (syntax) {
            case XML -> HostileDocuments.formd(id).getBytes(StandardCharsets.UTF_8);
            case CSV -> HostileDocuments.krCsv(id, "HOT ROLLED STEEL PLATE");
            case JSON -> HostileDocuments.clJson(id, "Uvas frescas de mesa");
        };
    }

    private static void assertNoLeak(String text) {
        assertThat(text).doesNotContain(marker).doesNotContain("lollollollol");
    }

    /** Would leave its mark if the hub ever deserialized it. */
    public static final class Gadget implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.writeString(DATA.resolve("deserialized.txt"), "deserialized by " + Thread.currentThread().getName());
        }
    }

    @Order(2)
    @ParameterizedTest(name = "JMS {0}")
    @ValueSource(strings = {"ObjectMessage", "MapMessage", "StreamMessage", "Message"})
    void jmsMessageCarryingNoDocumentIsRefusedUnreadAndTheNextGoodOneIsAccepted(String type) throws Exception {
        Answer answer = doors.jms("originhub.ingest.formd-xml", session -> switch (type) {
            case "ObjectMessage" -> session.createObjectMessage(new java.util.ArrayList<>(List.of(new Gadget())));
            case "MapMessage" -> session.createMapMessage();
            case "StreamMessage" -> session.createStreamMessage();
            default -> session.createMessage();
        });
        String id = id();
        Answer good = doors.feed(Ingress.JMS_BYTES, "formd-xml", id + ".xml", HostileDocuments.formd(id)
                .getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(answer.verdict()).as(answer.text()).isEqualTo(REFUSED_WITH_CODE);
        assertThat(answer.text()).contains("carries no document");
        assertThat(DATA.resolve("deserialized.txt")).as("the sender's object deserialized by the hub").doesNotExist();
        assertThat(good.verdict()).as(good.text()).isEqualTo(ACCEPTED);
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @EnumSource(Ingress.class)
    void headersAndFileNamesFromOutsideSteerNothing(Ingress ingress) throws Exception {
        String id = id();
        String forged = UUID.randomUUID().toString();
        int connections = canary.connections().size();
        Map<String, String> headers = switch (ingress) {
            case HTTP, HTTP_CHUNKED, EXCHANGE, EXCHANGE_CHUNKED -> Map.ofEntries(
                    Map.entry("?", "?sourceId=kr-csv&OriginHubSourceId=kr-csv&OriginHubPartnerId=cl&CamelHttpResponseCode=299"),
                    Map.entry("sourceId", "kr-csv"), Map.entry("OriginHubSourceId", "kr-csv"),
                    Map.entry("originhubchannel", "file"), Map.entry("OriginHubMessageId", forged),
                    Map.entry("OriginHubPartnerId", "cl"), Map.entry("CamelHttpUri", canary.url("/redirected")),
                    Map.entry("cAmElHtTpPaTh", "/api/v1/exchange"), Map.entry("CamelFileName", "../../escaped-" + id + ".xml"),
                    Map.entry("CamelJmsDestinationName", "originhub.handover"), Map.entry("CamelBeanMethodName", "checkSize"),
                    Map.entry("JMSXGroupID", "hostile"));
            case JMS_BYTES, JMS_TEXT -> Map.of("OriginHubSourceId", "kr-csv", "OriginHubChannel", "file",
                    "OriginHubMessageId", forged, "CamelFileName", "../../escaped-" + id + ".xml",
                    "camelJmsDestinationName", "originhub.handover", "CamelBeanMethodName", "checkSize",
                    "JMSXGroupID", "hostile", "JMSReplyTo", "hostile.trap");
            case SFTP, FILE_DROP, PARTNER_SFTP -> Map.of();
        };
        // a file name that would add endpoint options if it ever became part of an endpoint URI
        String fileName = id + ".xml&doneFileName=injected-" + id + "&fileExist=Append";
        byte[] document = ingress.national ? HostileDocuments.formd(id).getBytes(StandardCharsets.UTF_8)
                : documents.envelope(envelopeTemplate, templateId, id);

        Answer answer = doors.feed(ingress, "formd-xml", fileName, document, headers);

        assertThat(answer.verdict()).as(answer.text()).isEqualTo(ACCEPTED);
        if (ingress == Ingress.HTTP || ingress == Ingress.HTTP_CHUNKED) {
            assertThat(answer.text()).startsWith("202 ");
        }
        HubTestSupport.await(id + " at the national system", ASYNC,
                () -> Files.exists(DATA.resolve("outbox/national").resolve(id + ".xml")));
        String status = HubTestSupport.get(PORT, "/api/v1/certificates/" + id).body();
        assertThat(status).doesNotContain(forged).doesNotContain("kr-csv").doesNotContain("\"cl\"");
        if (ingress.national) {
            String channel = switch (ingress) {
                case HTTP, HTTP_CHUNKED -> "http";
                case JMS_BYTES, JMS_TEXT -> "jms";
                case SFTP -> "sftp";
                default -> "file";
            };
            assertThat(status).contains("via " + channel + " in formd-xml");
        } else {
            assertThat(status).contains("\"EXCHANGE_RECEIVED\"").contains("\"partner\":\"th\"");
        }
        try (var files = Files.walk(DATA)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .noneMatch(name -> name.startsWith("escaped-" + id) || name.startsWith("injected-" + id));
        }
        if (ingress == Ingress.JMS_BYTES || ingress == Ingress.JMS_TEXT) {
            jms.setReceiveTimeout(2000);
            assertThat(jms.receive("hostile.trap")).as("a reply sent where the message asked").isNull();
        }
        assertThat(canary.connections().subList(connections, canary.connections().size())).isEmpty();
    }

    @Order(4)
    @Test
    void theSecretIsNowhereInTheDataFolderTheDatabaseOrTheLogAndTheCanaryWasNeverCalled() throws Exception {
        byte[] secret = marker.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.walk(DATA)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), secret)).as(file.toString()).isEqualTo(-1);
            }
        }
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        for (String table : jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'",
                String.class)) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
                assertThat(String.valueOf(row.values())).as(table).doesNotContain(marker);
            }
        }
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(marker));
        assertThat(canary.connections()).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

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
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import org.apache.camel.CamelContext;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.originhub.sftp.EmbeddedSftpServer;
import org.originhub.support.HubTestSupport;
import org.originhub.support.TestPki;
import org.originhub.support.TestSigning;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;

/**
 * Two hubs in one JVM, each with its own configuration, broker, database and port: TH (issuing) and VN
 * (importing), both running on utility blocks, delivering to each other over mutual TLS with each other's TLS
 * certificate pinned, and with document signatures on: TH signs with an RSA key, VN with an EC key, and each trusts
 * only the other's signing certificate for the other's party id (src/test/resources/keys). TH's partners and
 * blocks exist only in test configuration
 * (src/test/resources/hubs/th): adding a partner or an agreement takes YAML files, no Java and no route edit.
 */
class TwoHubExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TH_PORT = HubTestSupport.freePort();
    private static final int VN_PORT = HubTestSupport.freePort();
    private static final int DEAD_PORT = HubTestSupport.freePort();
    /** VN's broker listens on TCP: it stands in for a partner's broker and for a national system's broker. */
    private static final int VN_BROKER_PORT = HubTestSupport.freePort();
    private static final Path TH_DATA = HubTestSupport.dataDir("th");
    private static final Path VN_DATA = HubTestSupport.dataDir("vn");
    /** Each hub's exchange port: mutual TLS, partners' certificates pinned. */
    private static final int TH_TLS_PORT = HubTestSupport.freePort();
    private static final int VN_TLS_PORT = HubTestSupport.freePort();
    private static final TestPki.Identity TH_TLS = TestPki.create(TH_DATA.resolve("pki"), "th");
    private static final TestPki.Identity VN_TLS = TestPki.create(VN_DATA.resolve("pki"), "vn");

    /** TH's blocks live in a folder the tests may edit, as an operator would. */
    private static final Path TH_BLOCKS = TH_DATA.resolve("blocks");

    /** The national system's SFTP server and the SFTP partners' inboxes, started by the test. */
    private static final int SFTP_PORT = HubTestSupport.freePort();
    private static final String SFTP_PASSWORD = "national-test";
    private static EmbeddedSftpServer sftp;

    private static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> LOGS =
            new ch.qos.logback.core.read.ListAppender<>();
    private static ConfigurableApplicationContext th;
    private static ConfigurableApplicationContext vn;

    @BeforeAll
    static void startBothHubs() throws Exception {
        // every log line of both hubs, from their start: secrets must appear in none
        LOGS.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        sftp = new EmbeddedSftpServer("127.0.0.1", SFTP_PORT, TH_DATA.resolve("sftp-server"),
                TH_DATA.resolve("sftp-server-host-key.pem"), "national", SFTP_PASSWORD);
        // A known_hosts that pins another key for the server: what a client sees after a server is replaced.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        Files.writeString(TH_DATA.resolve("wrong_known_hosts"), "[127.0.0.1]:" + SFTP_PORT + " "
                + PublicKeyEntry.toString(generator.generateKeyPair().getPublic()) + "\n");
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
        String key = name + "-" + agency.toLowerCase(java.util.Locale.ROOT);
        // As command-line arguments: they outrank application.properties (builder properties would not).
        return HubTestSupport.startHub(
                "--originhub.signing.enabled=true",
                "--originhub.signing.keystore=classpath:keys/" + key + ".p12",
                "--originhub.signing.keystore-password=test-only",
                "--originhub.signing.alias=" + key,
                "--server.port=" + port,
                "--originhub.hub.name=" + name,
                "--originhub.hub.agency=" + agency,
                "--originhub.hub.countries=" + country,
                "--originhub.data-dir=" + data,
                "--originhub.partners-location=classpath:hubs/" + name + "/partners/",
                "--originhub.sources-location=classpath:hubs/" + name + "/sources/",
                "--originhub.blocks-location=" + blocks,
                "--test.partner.vn.endpoint=https://localhost:" + VN_TLS_PORT + "/api/v1/exchange",
                "--test.partner.th.endpoint=https://localhost:" + TH_TLS_PORT + "/api/v1/exchange",
                "--originhub.exchange.tls.enabled=true",
                "--originhub.exchange.tls.port=" + ("vn".equals(name) ? VN_TLS_PORT : TH_TLS_PORT),
                "--originhub.exchange.tls.key-store=" + ("vn".equals(name) ? VN_TLS : TH_TLS).keyStoreUri(),
                "--originhub.exchange.tls.key-store-password=" + TestPki.PASSWORD,
                "--test.tls.vn-cert=" + VN_TLS.certificateUri(),
                "--test.tls.th-cert=" + TH_TLS.certificateUri(),
                "--test.partner.la.endpoint=http://localhost:" + DEAD_PORT + "/api/v1/exchange",
                "--test.sftp.port=" + SFTP_PORT,
                // a re-upload within the same second looks like the processed file: remembered briefly here
                "--originhub.sftp.processed-memory=PT3S",
                "--test.sftp.password=" + SFTP_PASSWORD,
                "--test.sftp.wrong-known-hosts=" + TH_DATA.resolve("wrong_known_hosts"),
                "--test.vn.broker-port=" + VN_BROKER_PORT,
                "--test.file.partner-dir=" + TH_DATA.resolve("partner-sg-inbox"),
                "--originhub.broker.acceptor-url=" + ("vn".equals(name) ? "tcp://127.0.0.1:" + VN_BROKER_PORT : ""));
    }

    @AfterAll
    static void stopBothHubs() throws Exception {
        if (th != null) {
            th.close();
        }
        if (vn != null) {
            vn.close();
        }
        if (sftp != null) {
            sftp.close();
        }
    }

    @Test
    void formdCertificatePostedToThArrivesAtVnIsAcknowledgedAndReachesVnNationalSystemInFormd() throws Exception {
        NotifyBuilder handedOver = new NotifyBuilder(vn.getBean(CamelContext.class))
                .fromRoute("hand-over-to-national").whenCompleted(1).create();
        // what a national system polling VN's outbox would see appear, in order
        Path outbox = Files.createDirectories(VN_DATA.resolve("outbox/national"));
        WatchService watcher = outbox.getFileSystem().newWatchService();
        outbox.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);

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
        List<String> appeared = new ArrayList<>();
        for (var key = watcher.poll(5, TimeUnit.SECONDS); key != null; key = watcher.poll(1, TimeUnit.SECONDS)) {
            key.pollEvents().forEach(event -> appeared.add(event.context().toString()));
            key.reset();
        }
        watcher.close();
        assertThat(appeared).as("written under a temporary name, then renamed: never seen half written")
                .containsSubsequence(id + ".xml.part", id + ".xml");
        String formd = Files.readString(national, StandardCharsets.UTF_8);
        assertThat(formd).contains("urn:x-sample:eco:formd:1", "<RefNo>" + id + "</RefNo>",
                "<ImportingCountry>VIET NAM</ImportingCountry>", "Siam Rubber Co., Ltd.", "<HSCode>4015.19</HSCode>");

        String canonical = get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body();
        assertThat(canonical).contains("urn:originhub:canonical:1", "<SenderID>TH:DFT</SenderID>",
                "<ReceiverID>VN:GDVC</ReceiverID>", "<CertificateID>" + id + "</CertificateID>");
        // stored as sent: signed by TH, and received by VN as it was signed
        assertThat(canonical).contains("<ds:Signature", "xmldsig-more#rsa-sha256\"").doesNotContain("&#13;")
                .endsWith("</ds:Signature></Envelope>");
        assertThat(get(VN_PORT, "/api/v1/certificates/" + id + "/canonical").body()).isEqualTo(canonical);
    }

    @Test
    void vnsPartnerFileSetsHowManyCertificatesAreInFlightToItAndAPartnerThatSaysNothingHasTheHubsDefault() throws Exception {
        CamelContext camel = th.getBean(CamelContext.class);
        assertThat(deliveryConsumers(camel, "deliver-http-vn")).isEqualTo(2);
        assertThat(deliveryConsumers(camel, "deliver-http-kh")).isEqualTo(4);
    }

    private static int deliveryConsumers(CamelContext camel, String routeId) throws Exception {
        org.apache.camel.component.jms.JmsConsumer consumer =
                (org.apache.camel.component.jms.JmsConsumer) camel.getRoute(routeId).getConsumer();
        return ((org.springframework.jms.listener.DefaultMessageListenerContainer) consumer.getListenerContainer())
                .getConcurrentConsumers();
    }

    @Test
    void envelopeChangedAfterThSignedItIsAnsweredReWithE010AndVnNeitherStoresNorHandsItOver() throws Exception {
        String signedId = "TH-DFT-2025-D-0002001";
        String forgedId = "TH-DFT-2025-D-0002002";
        String signed = signedAndAcceptedEnvelope(signedId);
        // another certificate id under TH's signature, as someone on the way could try
        String forged = signed.replace(signedId, forgedId).replaceFirst("<MessageID>[^<]+</MessageID>",
                "<MessageID>" + java.util.UUID.randomUUID() + "</MessageID>");

        var ack = overTls(TestPki.client(TH_TLS, VN_TLS), forged);

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("<ResultCode>RE</ResultCode>", "<Code>E010</Code>", "changed after it was signed")
                // VN's answer is signed too, with its EC key
                .contains("xmldsig-more#ecdsa-sha256");
        assertThat(events(VN_PORT, forgedId)).containsExactly("EXCHANGE_RECEIVED", "SIGNATURE_REJECTED", "ACK_SENT");
        assertThat(history(VN_PORT, forgedId).toString()).contains("E010");
        assertThat(JSON.readTree(get(VN_PORT, "/api/v1/certificates/" + forgedId).body()).has("records")).isFalse();
        assertThat(VN_DATA.resolve("outbox/national/" + forgedId + ".xml")).doesNotExist();
    }

    @Test
    void envelopeSignedWithVnsOwnKeyButSentAsThIsAnsweredReWithE011() throws Exception {
        String signedId = "TH-DFT-2025-D-0002101";
        String forgedId = "TH-DFT-2025-D-0002102";
        String envelope = signedAndAcceptedEnvelope(signedId).replace(signedId, forgedId).replaceFirst(
                "<MessageID>[^<]+</MessageID>", "<MessageID>" + java.util.UUID.randomUUID() + "</MessageID>");
        // a valid signature, by a key VN knows, but not one VN trusts to sign as TH:DFT
        String signedByVn = TestSigning.resign(envelope, TestSigning.testKey("vn-gdvc"));

        var ack = overTls(TestPki.client(TH_TLS, VN_TLS), signedByVn);

        assertThat(ack.body()).contains("<ResultCode>RE</ResultCode>", "<Code>E011</Code>", "not trusted to sign as TH:DFT");
        assertThat(events(VN_PORT, forgedId)).contains("SIGNATURE_REJECTED").doesNotContain("HANDED_TO_NATIONAL");
    }

    @Test
    void aReplacementUnderTheSameCertificateIdReachesVnsNationalSystemBesideTheOriginalNotOverIt() throws Exception {
        String id = "TH-DFT-2025-D-0002201";
        String original = signedAndAcceptedEnvelope(id);
        await(id + " at VN's national system", Duration.ofSeconds(20),
                () -> Files.exists(VN_DATA.resolve("outbox/national/" + id + ".xml")));
        byte[] originalFile = Files.readAllBytes(VN_DATA.resolve("outbox/national/" + id + ".xml"));
        // as a partner's own system could send it: the same certificate id, function 5 (replacement), a new message
        String messageId = java.util.UUID.randomUUID().toString();
        String replacement = TestSigning.resign(original
                .replace("<FunctionCode>9</FunctionCode>", "<FunctionCode>5</FunctionCode>")
                .replace("Siam Rubber Co., Ltd.", "Siam Rubber Public Co., Ltd.")
                .replaceFirst("<MessageID>[^<]+</MessageID>", "<MessageID>" + messageId + "</MessageID>"),
                TestSigning.testKey("th-dft"));

        var ack = overTls(TestPki.client(TH_TLS, VN_TLS), replacement);

        assertThat(ack.body()).contains("<ResultCode>AC</ResultCode>");
        Path replacementFile = VN_DATA.resolve("outbox/national/" + id + "-5-" + messageId + ".xml");
        await("the replacement at VN's national system", Duration.ofSeconds(20), () -> Files.exists(replacementFile));
        assertThat(Files.readString(replacementFile, StandardCharsets.UTF_8)).contains("Siam Rubber Public Co., Ltd.");
        assertThat(VN_DATA.resolve("outbox/national/" + id + ".xml")).hasBinaryContent(originalFile);
        // audited after the file is renamed: waited for, not read at once
        await("both hand-overs audited", Duration.ofSeconds(20),
                () -> handedOver(id) == 2);
        // an operator finds each file from the audit trail
        assertThat(history(VN_PORT, id).findValues("detail").stream().map(JsonNode::asText))
                .anyMatch(detail -> detail.endsWith("named " + id + ".xml"))
                .anyMatch(detail -> detail.endsWith("named " + replacementFile.getFileName()));
    }

    @Test
    void anOriginalOfAnotherIssuerUnderAnIdAlreadyHandedOverGetsAFileOfItsOwnAndARedeliveryNoSecondFile()
            throws Exception {
        String id = "TH-DFT-2025-D-0002202";
        String original = signedAndAcceptedEnvelope(id);
        Path outbox = VN_DATA.resolve("outbox/national");
        await(id + " at VN's national system", Duration.ofSeconds(20), () -> Files.exists(outbox.resolve(id + ".xml")));
        byte[] originalFile = Files.readAllBytes(outbox.resolve(id + ".xml"));
        // VN's store keys a received certificate by its issuer as well, so another authority's original under the
        // same id is accepted and queued for the hand-over; put on the queue here as the receipt would put it
        String messageId = java.util.UUID.randomUUID().toString();
        String otherIssuers = original.replace("<ID>TH-DFT</ID>", "<ID>TH-BOI</ID>")
                .replace("Siam Rubber Co., Ltd.", "Chao Phraya Latex Co., Ltd.")
                .replaceFirst("<MessageID>[^<]+</MessageID>", "<MessageID>" + messageId + "</MessageID>");
        JmsTemplate handover = vn.getBean(JmsTemplate.class);
        for (String envelope : List.of(otherIssuers, original)) { // then the first once more, as after a crash
            handover.send("originhub.handover", session -> {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(envelope.getBytes(StandardCharsets.UTF_8));
                message.setStringProperty("JMSXGroupID", id);
                return message;
            });
        }

        await("all three hand-overs audited", Duration.ofSeconds(20), () -> handedOver(id) == 3);
        Path otherFile = outbox.resolve(id + "-9-" + messageId + ".xml");
        assertThat(Files.readString(otherFile, StandardCharsets.UTF_8)).contains("Chao Phraya Latex Co., Ltd.");
        assertThat(outbox.resolve(id + ".xml")).hasBinaryContent(originalFile);
        try (var files = Files.list(outbox)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(id)))
                    .containsExactlyInAnyOrder(id + ".xml", otherFile.getFileName().toString());
        }
    }

    /** A certificate sent by TH and accepted by VN: its envelope as TH signed and stored it. */
    private static String signedAndAcceptedEnvelope(String id) {
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                HubTestSupport.formdVariant(id, "VIET NAM")).statusCode()).isEqualTo(202);
        await(id + " accepted by VN", Duration.ofSeconds(30), () -> "ACCEPTED".equals(status(TH_PORT, id)));
        return get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body();
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
        byte[] toLaos = HubTestSupport.formdVariant(id, "LAO PDR");

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
        byte[] toCambodia = HubTestSupport.formdVariant(id, "CAMBODIA");
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", toCambodia).statusCode())
                .isEqualTo(202);

        await("the delivery to KH to fail", Duration.ofSeconds(30), () -> "FAILED".equals(status(TH_PORT, id)));
        partner.assertIsSatisfied();
        assertThat(history(TH_PORT, id).toString()).contains("503");
    }

    @Test
    void blockAddedWhileTheHubRunsEnablesExchangeWithANewPartner() throws Exception {
        String before = "TH-DFT-2025-D-0000601";
        var refused = post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", HubTestSupport.formdVariant(before, "MALAYSIA"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("E020", "no utility block covers ATIGA certificates from TH to MY");

        Files.writeString(TH_BLOCKS.resolve("atiga-eform-d-th-my.yaml"), Files.readString(
                TH_BLOCKS.resolve("atiga-eform-d-th-vn.yaml")).replace("atiga-eform-d-th-vn", "atiga-eform-d-th-my")
                .replace("[TH, VN]", "[TH, MY]").replace("[vn]", "[my]"));
        var reloaded = post(TH_PORT, "/api/v1/blocks/reload", "application/json", new byte[0]);
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body()).contains("atiga-eform-d-th-my");

        String after = "TH-DFT-2025-D-0000602";
        var accepted = post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", HubTestSupport.formdVariant(after, "MALAYSIA"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"partner\":\"my\"");
        await("the certificate to be sent to MY", Duration.ofSeconds(30), () -> {
            try {
                return events(TH_PORT, after).contains("SENT");
            } catch (Exception e) {
                return false;
            }
        });
        // the new block's live figures count the certificate sent under it
        JsonNode figures = JSON.readTree(get(TH_PORT, "/api/v1/blocks/atiga-eform-d-th-my").body()).get("figures");
        assertThat(figures.get("sentInFlight").asLong() + figures.get("sentRejected").asLong()
                + figures.get("sentAcknowledged").asLong() + figures.get("sentFailed").asLong()).isEqualTo(1);
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

    @Test
    void krCsvBatchUploadedToTheNationalSftpOutboxIsExchangedWithVn() throws Exception {
        Path outbox = sftp.root().resolve("th-national/outbox");
        upload(outbox, "batch-0001.csv", krCsv("TH-KRCSV-0001", "TH-KRCSV-0002"));

        for (String id : List.of("TH-KRCSV-0001", "TH-KRCSV-0002")) {
            await(id + " to be acknowledged by VN", Duration.ofSeconds(40), () -> "ACCEPTED".equals(status(TH_PORT, id)));
            assertThat(history(TH_PORT, id).get(0).get("detail").asText()).contains("via sftp");
            await(id + " at VN's national system", Duration.ofSeconds(20),
                    () -> Files.exists(VN_DATA.resolve("outbox/national/" + id + ".xml")));
        }
        await("the batch file to move to .done", Duration.ofSeconds(20),
                () -> Files.exists(outbox.resolve(".done/batch-0001.csv")));
        assertThat(Files.readString(outbox.resolve(".done/batch-0001.csv.result.json"))).contains("\"accepted\":2");
    }

    @Test
    void secretsAppearNeitherInTheLogsNorInWhatJolokiaShowsTheConsole() throws Exception {
        // traffic over the SFTP partner, whose endpoint carries the SFTP password
        partnerReachedOverSftpReceivesTheEnvelopeUnderItsFinalName();
        String jmx = get(TH_PORT, "/actuator/jolokia/read/org.apache.camel:type=endpoints,*").body()
                + get(TH_PORT, "/actuator/jolokia/read/org.apache.camel:type=routes,*").body();

        assertThat(jmx).contains("sftp").doesNotContain(SFTP_PASSWORD).doesNotContain(TestPki.PASSWORD);
        List<String> lines = new ArrayList<>();
        synchronized (LOGS.list) {
            LOGS.list.forEach(event -> lines.add(event.getFormattedMessage()));
        }
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(SFTP_PASSWORD) || line.contains(TestPki.PASSWORD)
                || line.contains("demo-operator") || line.contains("demo-key-"));
    }

    @Test
    void aPartnerWhoseClientCertificateSaysThCannotDeliverAsAnotherPartner() throws Exception {
        String id = "TH-DFT-2025-D-0000777";
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                HubTestSupport.formdVariant(id, "VIET NAM")).statusCode()).isEqualTo(202);
        await(id + " to be acknowledged by VN over mutual TLS", Duration.ofSeconds(30),
                () -> "ACCEPTED".equals(status(TH_PORT, id)));
        String envelope = get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body();
        String asLaos = envelope.replace("<SenderID>TH:DFT</SenderID>", "<SenderID>LA:DOIMEX</SenderID>");

        java.net.http.HttpResponse<String> answer = overTls(TestPki.client(TH_TLS, VN_TLS), asLaos);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("partner th").contains("LA:DOIMEX");
    }

    @Test
    void theExchangeIsClosedOnThePlainPortWithoutAClientCertificateAndToAnUnknownCertificate() throws Exception {
        String envelope = "<Envelope/>";
        assertThat(post(VN_PORT, "/api/v1/exchange", "application/xml", envelope.getBytes(StandardCharsets.UTF_8))
                .statusCode()).as("plain port").isEqualTo(403);
        TestPki.Identity intruder = TestPki.create(TH_DATA.resolve("pki-intruder"), "intruder");
        for (javax.net.ssl.SSLContext client : List.of(TestPki.client(null, VN_TLS), TestPki.client(intruder, VN_TLS))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> overTls(client, envelope))
                    .as("refused during the TLS handshake").isInstanceOf(java.io.IOException.class);
        }
    }

    private static java.net.http.HttpResponse<String> overTls(javax.net.ssl.SSLContext client, String envelope)
            throws Exception {
        return java.net.http.HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(5)).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + VN_TLS_PORT
                        + "/api/v1/exchange")).header("Content-Type", "application/xml")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fileUploadedAgainToTheSftpOutboxIsAnsweredDuplicateAndNothingIsSentTwice() throws Exception {
        Path outbox = sftp.root().resolve("th-national/outbox");
        String id = "TH-KRCSV-0009";
        upload(outbox, "batch-0009.csv", krCsv(id));
        await(id + " to be acknowledged by VN", Duration.ofSeconds(40), () -> "ACCEPTED".equals(status(TH_PORT, id)));
        // answered and moved: the result is written before the file moves, and a file uploaded again in between
        // would be moved away unread
        await("the first upload answered", Duration.ofSeconds(20),
                () -> Files.exists(outbox.resolve(".done/batch-0009.csv.result.json"))
                        && Files.exists(outbox.resolve(".done/batch-0009.csv")) && !Files.exists(outbox.resolve("batch-0009.csv")));

        // the national system uploads the same file again (it did not see the first result)
        upload(outbox, "batch-0009.csv", krCsv(id));

        await("the second upload answered", Duration.ofSeconds(30), () -> !Files.exists(outbox.resolve("batch-0009.csv"))
                && readOrEmpty(outbox.resolve(".done/batch-0009.csv.result.json")).contains("\"duplicates\":1"));
        assertThat(Files.readString(outbox.resolve(".done/batch-0009.csv.result.json"))).contains("DUPLICATE");
        assertThat(events(TH_PORT, id).stream().filter("SENT"::equals).count()).isEqualTo(1);
        assertThat(events(VN_PORT, id).stream().filter("HANDED_TO_NATIONAL"::equals).count()).isEqualTo(1);
    }

    @Test
    void partialUploadIsNotConsumedUntilItIsRenamedToItsFinalName() throws Exception {
        Path outbox = sftp.root().resolve("th-national/outbox");
        Files.createDirectories(outbox);
        Path partial = outbox.resolve("batch-0002.csv.part");
        byte[] whole = krCsv("TH-KRCSV-0003");
        int half = whole.length / 2;
        Files.write(partial, java.util.Arrays.copyOf(whole, half));
        // half written, for longer than several polls of the hub
        for (int i = 0; i < 6; i++) {
            Thread.sleep(600);
            assertThat(partial).as("still being written").exists();
            assertThat(status(TH_PORT, "TH-KRCSV-0003")).isNull();
        }
        Files.write(partial, java.util.Arrays.copyOfRange(whole, half, whole.length), java.nio.file.StandardOpenOption.APPEND);
        Files.move(partial, outbox.resolve("batch-0002.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        await("the completed file to be taken", Duration.ofSeconds(30),
                () -> Files.exists(outbox.resolve(".done/batch-0002.csv")));
        assertThat(status(TH_PORT, "TH-KRCSV-0003")).isIn("ISSUED", "TRANSMITTED", "ACCEPTED");
    }

    @Test
    void documentWaitingForItsDoneFileIsNotReadUntilTheDoneFileArrives() throws Exception {
        Path folder = sftp.root().resolve("th-national/formd");
        String id = "TH-DFT-2025-D-0000701";
        upload(folder, "form-d-0701.xml", new String(sample("formd-xml/TH-VN-rubber.xml"), StandardCharsets.UTF_8)
                .replace("TH-DFT-2025-D-0001234", id).getBytes(StandardCharsets.UTF_8));
        Thread.sleep(4000);
        assertThat(status(TH_PORT, id)).as("read before its done file").isNull();
        assertThat(folder.resolve("form-d-0701.xml")).exists();

        Files.writeString(folder.resolve("form-d-0701.xml.done"), "");

        await("the document to be exchanged", Duration.ofSeconds(30), () -> "ACCEPTED".equals(status(TH_PORT, id)));
    }

    @Test
    void outboxFetchedOnAScheduleIsReadAtTheScheduledTimes() throws Exception {
        Path outbox = sftp.root().resolve("th-national/scheduled");
        upload(outbox, "grapes.json", sample("cl-json/CL-PE-grapes.json"));

        await("the scheduled fetch", Duration.ofSeconds(20), () -> Files.exists(outbox.resolve(".failed/grapes.json")));
        // CL→PE is not TH's to issue: refused (E020), but read once, by the schedule, and answered
        assertThat(Files.readString(outbox.resolve(".failed/grapes.json.result.json"))).contains("E020");
        CamelContext camel = th.getBean(CamelContext.class);
        assertThat(camel.getRoute("receive-sftp-cl-json-sftp-pull").getEndpoint().getEndpointUri()).contains("scheduler=quartz");
    }

    @Test
    void envelopeLeftInAnSftpDirectoryIsFetchedByThePartnerHubAndAcknowledgedNextToIt() throws Exception {
        String id = "TH-DFT-2025-AJ-0001301";
        byte[] ajcep = new String(HubTestSupport.formdVariant(id, "VIET NAM"), StandardCharsets.UTF_8)
                .replace("<Agreement>ATIGA</Agreement>", "<Agreement>AJCEP</Agreement>")
                .replace("<FormType>D</FormType>", "<FormType>AJ</FormType>").getBytes(StandardCharsets.UTF_8);
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", ajcep).statusCode())
                .isEqualTo(202);

        await("TH's upload", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(TH_PORT, id)));
        await("VN to fetch and accept it", Duration.ofSeconds(30), () -> "ACCEPTED".equals(status(VN_PORT, id)));
        await("VN's national system to get it", Duration.ofSeconds(20),
                () -> Files.exists(VN_DATA.resolve("outbox/national/" + id + ".xml")));
        Path done = sftp.root().resolve("partners/vn/inbox/.done");
        await("the ACK next to the file", Duration.ofSeconds(20), () -> {
            try (var files = Files.list(done)) {
                return files.anyMatch(file -> file.getFileName().toString().startsWith(id)
                        && file.getFileName().toString().endsWith(".ack.xml"));
            } catch (Exception e) {
                return false;
            }
        });
        try (var files = Files.list(done)) {
            Path ack = files.filter(file -> file.getFileName().toString().startsWith(id)
                    && file.getFileName().toString().endsWith(".ack.xml")).findFirst().orElseThrow();
            assertThat(Files.readString(ack)).contains("<ResultCode>AC</ResultCode>", "<ReferencedCertificateID>" + id);
        }
    }

    @Test
    void batchLeftInAnSftpDirectoryIsAcknowledgedEnvelopeByEnvelope() throws Exception {
        List<String> ids = List.of("TH-DFT-2025-AJ-0001401", "TH-DFT-2025-AJ-0001402");
        StringBuilder batch = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Batch xmlns=\"urn:originhub:canonical:1\"><BatchID>" + java.util.UUID.randomUUID() + "</BatchID>"
                + "<SenderID>TH:DFT</SenderID><ReceiverID>VN:GDVC</ReceiverID>"
                + "<CreatedDateTime>2025-05-12T10:00:00+07:00</CreatedDateTime>");
        for (String id : ids) {
            byte[] ajcep = new String(HubTestSupport.formdVariant(id, "VIET NAM"), StandardCharsets.UTF_8)
                    .replace("<Agreement>ATIGA</Agreement>", "<Agreement>AJCEP</Agreement>")
                    .replace("<FormType>D</FormType>", "<FormType>AJ</FormType>").getBytes(StandardCharsets.UTF_8);
            assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", ajcep).statusCode())
                    .isEqualTo(202);
            await(id + " uploaded", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(TH_PORT, id)));
            // the same envelope again, now in a batch: VN recognises the message and answers its original outcome
            batch.append(get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body()
                    .replaceFirst("^<\\?xml[^>]*\\?>\\s*", ""));
        }
        upload(sftp.root().resolve("partners/vn/inbox"), "batch-aj.xml",
                batch.append("</Batch>").toString().getBytes(StandardCharsets.UTF_8));

        Path ack = sftp.root().resolve("partners/vn/inbox/.done/batch-aj.xml.ack.xml");
        await("the batch's ACKs", Duration.ofSeconds(30), () -> Files.exists(ack));
        String acks = Files.readString(ack);
        assertThat(acks).contains("<Batch", ids.get(0), ids.get(1));
        assertThat(acks.split("<ResultCode>AC</ResultCode>", -1)).hasSize(3);
        for (String id : ids) {
            assertThat(status(VN_PORT, id)).isEqualTo("ACCEPTED");
        }
    }

    @Test
    void partnerReachedOverSftpReceivesTheEnvelopeUnderItsFinalName() throws Exception {
        String id = "TH-DFT-2025-D-0000801";
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", HubTestSupport.formdVariant(id, "MYANMAR"))
                .statusCode()).isEqualTo(202);

        await("the upload to MM", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(TH_PORT, id)));
        Path inbox = sftp.root().resolve("partners/mm/inbox");
        try (var files = Files.list(inbox)) {
            List<Path> delivered = files.toList();
            assertThat(delivered).singleElement().satisfies(file -> {
                assertThat(file.getFileName().toString()).startsWith(id + "-").endsWith(".xml");
                assertThat(Files.readString(file)).contains("urn:originhub:canonical:1", "<ReceiverID>MM:MOC</ReceiverID>");
            });
        }
        assertThat(events(TH_PORT, id)).containsSubsequence("QUEUED", "SENT", "DELIVERED");
    }

    @Test
    void sftpServerPresentingAnotherHostKeyIsRefusedAndTheCertificateSaysSo() throws Exception {
        String id = "TH-DFT-2025-D-0000901";
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                HubTestSupport.formdVariant(id, "BRUNEI DARUSSALAM")).statusCode()).isEqualTo(202);

        await("the delivery to BN to fail", Duration.ofSeconds(40), () -> "FAILED".equals(status(TH_PORT, id)));
        assertThat(history(TH_PORT, id).toString()).contains("HostKey");
        assertThat(sftp.root().resolve("partners/bn/inbox")).doesNotExist();
    }

    @Test
    void partnerReachedByJmsGetsTheEnvelopeOnItsRemoteQueue() throws Exception {
        String id = "TH-DFT-2025-D-0001001";
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", HubTestSupport.formdVariant(id, "PHILIPPINES"))
                .statusCode()).isEqualTo(202);

        JmsTemplate partnerBroker = vn.getBean(JmsTemplate.class);
        partnerBroker.setReceiveTimeout(30_000);
        Message message = partnerBroker.receive("partners.ph.inbox");

        assertThat(message).isInstanceOf(BytesMessage.class);
        byte[] body = new byte[(int) ((BytesMessage) message).getBodyLength()];
        ((BytesMessage) message).readBytes(body);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("<ReceiverID>PH:BOC</ReceiverID>", id);
        assertThat(java.util.Collections.list(message.getPropertyNames())).noneMatch(name -> name.toString().startsWith("OriginHub"));
        await("the send to PH to be recorded", Duration.ofSeconds(20), () -> "DELIVERED".equals(status(TH_PORT, id)));
    }

    @Test
    void documentOnTheNationalSystemsRemoteQueueIsConsumedAndExchanged() throws Exception {
        String id = "TH-DFT-2025-D-0001101";
        JmsTemplate nationalBroker = vn.getBean(JmsTemplate.class);
        nationalBroker.send("th-national.formd", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(new String(sample("formd-xml/TH-VN-rubber.xml"), StandardCharsets.UTF_8)
                    .replace("TH-DFT-2025-D-0001234", id).getBytes(StandardCharsets.UTF_8));
            // a header from outside must not steer the hub
            message.setStringProperty("OriginHubSourceId", "kr-csv-sftp");
            return message;
        });

        await("the remote document to be exchanged with VN", Duration.ofSeconds(30),
                () -> "ACCEPTED".equals(status(TH_PORT, id)));
        assertThat(history(TH_PORT, id).get(0).get("detail").asText()).contains("via jms in formd-xml");
        nationalBroker.setReceiveTimeout(10_000);
        BytesMessage report = (BytesMessage) nationalBroker.receive("th-national.formd.reports");
        byte[] json = new byte[(int) report.getBodyLength()];
        report.readBytes(json);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains(id, "ACCEPTED");
    }

    @Test
    void partnerReachedThroughAFolderFindsTheCompleteFileOnly() throws Exception {
        String id = "TH-DFT-2025-D-0001201";
        assertThat(post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", HubTestSupport.formdVariant(id, "SINGAPORE"))
                .statusCode()).isEqualTo(202);

        await("the file for SG", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(TH_PORT, id)));
        try (var files = Files.list(TH_DATA.resolve("partner-sg-inbox"))) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .anySatisfy(name -> assertThat(name).startsWith(id + "-").endsWith(".xml"))
                    .noneMatch(name -> name.endsWith(".part"));
        }
    }

    /** A kr-csv file with one TH→VN ATIGA certificate per id. */
    private static byte[] krCsv(String... ids) {
        StringBuilder csv = new StringBuilder("# TH national system batch\n");
        for (String id : ids) {
            csv.append("H;").append(id).append(";20250512;ATIGA;D;TH-DFT;Department of Foreign Trade;Siam Rubber Co., Ltd.;")
                    .append("0105551234567;99 Rama IV Road;Bangkok;THA;Saigon Tyre JSC;12 Nguyen Hue Boulevard;")
                    .append("Ho Chi Minh City;VNM;20250513;SEA;THLCH;VNSGN;MV SEA STAR V.112;INV-2025-0456;20250510;\n")
                    .append("I;").append(id).append(";1;400122;NATURAL RUBBER TSR 20;A;;;40;TON;40320;KGS;40;PLT;;\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a file the way a careful uploader does: under a temporary name, then renamed. */
    private static void upload(Path folder, String name, byte[] content) throws Exception {
        Files.createDirectories(folder);
        Path temporary = folder.resolve(name + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static long handedOver(String id) {
        try {
            return events(VN_PORT, id).stream().filter("HANDED_TO_NATIONAL"::equals).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> events(int port, String id) throws Exception {
        List<String> names = new ArrayList<>();
        history(port, id).forEach(event -> names.add(event.get("event").asText()));
        return names;
    }
}

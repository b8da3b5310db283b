package org.originhub.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.support.HubTestSupport.await;
import static org.originhub.support.HubTestSupport.get;
import static org.originhub.support.HubTestSupport.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.originhub.support.HubTestSupport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled batch exchanges: certificates for a batched partner wait, then go out together at the partner's
 * cron time as one file, each with its own status; a schedule missed while the hub was down runs once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = HubTestSupport.freePort();
    private static final Path DATA = HubTestSupport.dataDir("batch");
    private static final Path BATCHES = DATA.resolve("partners");
    /** BN's batch: not during these tests, unless the missed-schedule test sets a time. */
    private static final String NOT_NOW = "0 0 0 1 1 ? 2099";

    private static ConfigurableApplicationContext hub;

    @BeforeAll
    static void startHub() {
        hub = start(NOT_NOW);
    }

    private static ConfigurableApplicationContext start(String bnCron) {
        return HubTestSupport.startHub(
                "--server.port=" + PORT,
                "--originhub.hub.name=batch-th",
                "--originhub.hub.agency=DFT",
                "--originhub.hub.countries=TH",
                "--originhub.data-dir=" + DATA,
                "--originhub.partners-location=classpath:hubs/batch/partners/",
                "--originhub.sources-location=classpath:hubs/batch/sources/",
                "--originhub.blocks-location=classpath:hubs/batch/blocks/",
                "--test.batch.dir=" + BATCHES,
                "--test.batch.once-cron=" + bnCron);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void certificatesForABatchedPartnerGoOutTogetherOnTheScheduleEachWithItsStatus() throws Exception {
        List<String> ids = List.of("TH-BATCH-MY-1", "TH-BATCH-MY-2", "TH-BATCH-MY-3");
        for (String id : ids) {
            assertThat(post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", HubTestSupport.formdVariant(id, "MALAYSIA"))
                    .statusCode()).isEqualTo(202);
        }

        for (String id : ids) {
            await(id + " to go out in a batch", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(id)));
            assertThat(events(id)).containsSubsequence("QUEUED", "HELD_FOR_BATCH", "BATCHED", "DELIVERED");
        }
        List<Path> files = files(BATCHES.resolve("my"));
        String batch = files.stream().map(ScheduledBatchTest::read).filter(text -> text.contains(ids.get(0)))
                .findFirst().orElseThrow();
        assertThat(batch).contains(ids.get(1), ids.get(2), "<ReceiverID>MY:MITI</ReceiverID>");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("xsd/canonical/v1/originhub-envelope.xsd").toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8))));
        assertThat(files).noneMatch(file -> file.toString().endsWith(".part"));
    }

    @Test
    void partnerAskingForKrCsvGetsOneKrCsvFileWithEveryCertificate() throws Exception {
        List<String> ids = List.of("TH-BATCH-ID-1", "TH-BATCH-ID-2");
        // ID's batch runs every 5 s (0/5): posting both just after a run keeps them out of two different files
        startOfABatchPeriod();
        for (String id : ids) {
            assertThat(post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", toIndonesia(id))
                    .statusCode()).isEqualTo(202);
        }
        for (String id : ids) {
            await(id + " to go out in a batch", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(id)));
        }
        String csv = files(BATCHES.resolve("id")).stream().map(ScheduledBatchTest::read)
                .filter(text -> text.contains(ids.get(0))).findFirst().orElseThrow();
        assertThat(csv.lines().filter(line -> line.startsWith("H;"))).hasSize(2);
        assertThat(csv).contains("H;" + ids.get(0) + ";", "H;" + ids.get(1) + ";", ";IDN;");
    }

    @Test
    void aCertificateTheBatchFormatCannotExpressFailsAloneAndTheOthersGoOut() throws Exception {
        String good = "TH-BATCH-ID-GOOD";
        String bad = "TH-BATCH-ID-UNWRITABLE";
        // valid canonically, but kr-csv has one country for the consignee and the import: VIET NAM cannot be written
        byte[] consigneeElsewhere = HubTestSupport.formdVariant(bad, "INDONESIA");
        assertThat(post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", consigneeElsewhere)
                .statusCode()).isEqualTo(202);
        assertThat(post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", toIndonesia(good))
                .statusCode()).isEqualTo(202);

        await(good + " to go out in a batch", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(good)));
        await(bad + " to fail", Duration.ofSeconds(30), () -> "FAILED".equals(status(bad)));

        assertThat(events(bad)).containsSubsequence("HELD_FOR_BATCH", "FAILED").doesNotContain("BATCHED");
        String csv = files(BATCHES.resolve("id")).stream().map(ScheduledBatchTest::read)
                .filter(text -> text.contains(good)).findFirst().orElseThrow();
        assertThat(csv).doesNotContain(bad);
        assertThat(csv.lines().filter(line -> line.startsWith("H;" + good + ";"))).hasSize(1);
    }

    @Test
    @Order(Integer.MAX_VALUE) // stops and restarts the hub: last
    void scheduleMissedWhileTheHubWasDownRunsOnceWhenItIsBack() throws Exception {
        // BN's batch is due every minute at one second, next in about 15 s; the hub stops before that and comes
        // back after it: a downtime of one due time
        LocalDateTime due = LocalDateTime.now().plusSeconds(15).withNano(0);
        String everyMinute = due.getSecond() + " * * * * ?";
        hub.close();
        hub = start(everyMinute);
        assertThat(runsOfBn(hub.getBean(JdbcTemplate.class))).isZero();
        hub.close();
        while (LocalDateTime.now().isBefore(due.plusSeconds(3))) {
            Thread.sleep(500);
        }

        hub = start(everyMinute);
        JdbcTemplate after = hub.getBean(JdbcTemplate.class);
        await("the missed batch to run", Duration.ofSeconds(20), () -> runsOfBn(after) > 0);
        Thread.sleep(4000);

        assertThat(runsOfBn(after)).as("runs of the missed schedule").isEqualTo(1);
    }

    /** Waits for the next run of ID's batch (every fifth second) to have passed. */
    private static void startOfABatchPeriod() throws InterruptedException {
        long millisIntoPeriod = System.currentTimeMillis() % 5000;
        Thread.sleep(5000 - millisIntoPeriod + 300);
    }

    /** A certificate for Indonesia that kr-csv can write: it carries the consignee's country, which must be the importing one. */
    private static byte[] toIndonesia(String id) {
        return new String(HubTestSupport.formdVariant(id, "INDONESIA"), StandardCharsets.UTF_8)
                .replace("Ho Chi Minh City|VIET NAM</Box2Consignee>", "Jakarta|INDONESIA</Box2Consignee>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int runsOfBn(JdbcTemplate jdbc) {
        Integer runs = jdbc.queryForObject("SELECT COUNT(*) FROM batch_run WHERE partner_id = 'bn'", Integer.class);
        return runs == null ? 0 : runs;
    }


    private static String status(String id) {
        var response = get(PORT, "/api/v1/certificates/" + id);
        try {
            return response.statusCode() == 200 ? JSON.readTree(response.body()).get("status").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static List<String> events(String id) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(get(PORT, "/api/v1/certificates/" + id).body()).get("events")
                .forEach(event -> names.add(event.get("event").asText()));
        return names;
    }

    private static List<Path> files(Path folder) throws Exception {
        try (var list = Files.list(folder)) {
            return list.toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

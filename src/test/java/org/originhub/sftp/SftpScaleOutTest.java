package org.originhub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.support.HubTestSupport.await;
import static org.originhub.support.HubTestSupport.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.support.HubTestSupport;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the same hub (one database, two brokers, two ports) poll the same national SFTP outbox:
 * every file is processed exactly once, by one of them.
 */
class SftpScaleOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SFTP_PORT = HubTestSupport.freePort();
    private static final int DEAD_PORT = HubTestSupport.freePort();
    private static final int PORT_A = HubTestSupport.freePort();
    private static final int PORT_B = HubTestSupport.freePort();
    private static final Path SHARED = HubTestSupport.dataDir("scale-out");
    private static final int FILES = 8;

    private static EmbeddedSftpServer sftp;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstancesOfOneHub() throws Exception {
        sftp = new EmbeddedSftpServer("127.0.0.1", SFTP_PORT, SHARED.resolve("sftp-server"),
                SHARED.resolve("sftp-server-host-key.pem"), "national", "national-test");
        a = start("th-a", PORT_A);
        b = start("th-b", PORT_B);
    }

    private static ConfigurableApplicationContext start(String instance, int port) {
        return HubTestSupport.startHub(
                "--server.port=" + port,
                "--originhub.hub.name=" + instance,
                "--originhub.hub.agency=DFT",
                "--originhub.hub.countries=TH",
                "--originhub.data-dir=" + SHARED.resolve(instance),
                // the instances share one database, as a scaled-out hub shares its PostgreSQL
                "--spring.datasource.url=jdbc:h2:file:" + SHARED.resolve("db/originhub") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--originhub.partners-location=classpath:hubs/th/partners/",
                "--originhub.sources-location=classpath:hubs/th/sources/",
                "--originhub.blocks-location=classpath:hubs/th/blocks/",
                "--originhub.sftp.poll-delay=200",
                "--test.sftp.port=" + SFTP_PORT,
                "--test.sftp.password=national-test",
                "--test.sftp.wrong-known-hosts=" + SHARED.resolve("none"),
                "--test.vn.broker-port=" + DEAD_PORT,
                "--test.file.partner-dir=" + SHARED.resolve("partner-sg-inbox"),
                "--test.partner.vn.endpoint=http://localhost:" + DEAD_PORT + "/api/v1/exchange",
                "--test.partner.th.endpoint=http://localhost:" + DEAD_PORT + "/api/v1/exchange",
                "--test.partner.la.endpoint=http://localhost:" + DEAD_PORT + "/api/v1/exchange");
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (sftp != null) {
            sftp.close();
        }
    }

    @Test
    void everyFileInTheSharedOutboxIsProcessedExactlyOnceByOneOfTheInstances() throws Exception {
        Path outbox = sftp.root().resolve("th-national/outbox");
        Files.createDirectories(outbox);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= FILES; i++) {
            String id = "TH-SCALE-" + i;
            ids.add(id);
            Path part = outbox.resolve("scale-" + i + ".csv.part");
            Files.write(part, krCsv(id));
            Files.move(part, outbox.resolve("scale-" + i + ".csv"), StandardCopyOption.ATOMIC_MOVE);
        }

        await("every file to be answered", Duration.ofSeconds(60), () -> count(outbox.resolve(".done"), ".csv") == FILES);

        assertThat(count(outbox.resolve(".done"), ".csv.result.json")).isEqualTo(FILES);
        assertThat(outbox.resolve(".error")).doesNotExist();
        assertThat(outbox.resolve(".failed")).doesNotExist();
        List<String> readers = new ArrayList<>();
        for (String id : ids) {
            JsonNode events = JSON.readTree(get(PORT_A, "/api/v1/certificates/" + id).body()).get("events");
            List<String> received = new ArrayList<>();
            events.forEach(event -> {
                if ("RECEIVED".equals(event.get("event").asText())) {
                    received.add(event.get("detail").asText());
                }
            });
            assertThat(received).as("RECEIVED events of %s", id).hasSize(1);
            readers.add(received.get(0));
        }
        assertThat(readers).allMatch(detail -> detail.contains("via sftp"));
    }

    private static long count(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).count();
        } catch (Exception e) {
            return 0;
        }
    }

    private static byte[] krCsv(String id) {
        return ("H;" + id + ";20250512;ATIGA;D;TH-DFT;Department of Foreign Trade;Siam Rubber Co., Ltd.;0105551234567;"
                + "99 Rama IV Road;Bangkok;THA;Saigon Tyre JSC;12 Nguyen Hue Boulevard;Ho Chi Minh City;VNM;20250513;SEA;"
                + "THLCH;VNSGN;MV SEA STAR V.112;INV-2025-0456;20250510;\n"
                + "I;" + id + ";1;400122;NATURAL RUBBER TSR 20;A;;;40;TON;40320;KGS;40;PLT;;\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}

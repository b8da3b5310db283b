package org.originhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.sftp.EmbeddedSftpServer;
import org.originhub.store.Sha256;
import org.originhub.support.HubTestSupport;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Batch files are streamed (issue #6): a kr-csv file from the drop folder or the SFTP outbox is read one certificate
 * at a time from disk, up to originhub.ingest.max-batch-bytes, while everything else keeps the max-bytes limit. The hub
 * here takes at most 64 KiB into memory and 2 MiB as a batch file. Its partners take the connection and never answer,
 * so the certificates wait on their durable queues and delivery does not compete with ingest.
 */
class BatchFileStreamingTest {

    private static final int PORT = HubTestSupport.freePort();
    private static final int SFTP_PORT = HubTestSupport.freePort();
    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_BATCH_BYTES = 2 * 1024 * 1024;
    private static final Path DATA = HubTestSupport.dataDir("batch-stream");
    private static final Duration ASYNC = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final String SAMPLE_ID = "KR2025A00012345";

    private static ServerSocket partner;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();
    private static EmbeddedSftpServer sftp;
    private static ConfigurableApplicationContext hub;
    /** The sample's first certificate, with one goods item: lines H and I, "%s" where the certificate id goes. */
    private static String header;
    private static String item;

    @BeforeAll
    static void startHub() throws Exception {
        partner = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!partner.isClosed()) {
                try {
                    held.add(partner.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "partner-never-answering");
        acceptor.setDaemon(true);
        acceptor.start();
        sftp = new EmbeddedSftpServer("127.0.0.1", SFTP_PORT, DATA.resolve("sftp-server"), DATA.resolve("sftp-host-key.pem"),
                "originhub", "batch-test");
        hub = HubTestSupport.startHub(
                "--server.port=" + PORT,
                "--originhub.hub.name=batch-stream",
                "--originhub.data-dir=" + DATA,
                "--originhub.ingest.max-bytes=" + MAX_BYTES,
                "--originhub.ingest.max-batch-bytes=" + MAX_BATCH_BYTES,
                // the demo sources read <format>/outbox on this server
                "--originhub.sftp.embedded.port=" + SFTP_PORT,
                "--originhub.sftp.embedded.password=batch-test",
                "--originhub.sftp.poll-delay=250",
                "--originhub.demo.partner-endpoint=http://127.0.0.1:" + partner.getLocalPort() + "/api/v1/exchange",
                "--originhub.delivery.response-timeout=3600000");
        String[] sample = new String(HubTestSupport.sample("kr-csv/KR-ID-steel-batch.csv"), StandardCharsets.UTF_8)
                .split("\n");
        header = sample[1].replace(SAMPLE_ID, "%s");
        item = sample[2].replace(SAMPLE_ID, "%s");
    }

    @AfterAll
    static void stopHub() throws Exception {
        // the partner goes first: the delivery consumers waiting on it would otherwise hold the hub's shutdown for the
        // response timeout (the JMS listener waits for them however short Camel's shutdown timeout is)
        if (partner != null) {
            partner.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
        if (hub != null) {
            hub.close();
        }
        if (sftp != null) {
            sftp.close();
        }
    }

    private static String id(String kind, int n) {
        return "KR-" + kind + RUN + "-" + n;
    }

    /** A batch of {@code count} certificates after one comment line: certificate n starts on line 2n. */
    private static String batch(String kind, int count) {
        StringBuilder file = new StringBuilder("# generated batch of ").append(count).append(" certificates\n");
        for (int n = 1; n <= count; n++) {
            String id = id(kind, n);
            file.append(header.formatted(id)).append('\n').append(item.formatted(id)).append('\n');
        }
        return file.toString();
    }

    /** Written under a temporary name the route ignores, then moved into place in one step. */
    private static void put(Path folder, String fileName, byte[] content) throws IOException {
        Files.createDirectories(folder);
        Path temporary = folder.resolve(fileName + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path inbox(String source) {
        return DATA.resolve("inbox").resolve(source);
    }

    /** The result report once the file has moved to {@code disposition} (the move comes after the report). */
    private static JsonNode awaitResult(Path folder, String disposition, String fileName, Duration timeout) throws IOException {
        Path moved = folder.resolve(disposition).resolve(fileName);
        Path result = moved.resolveSibling(fileName + ".result.json");
        HubTestSupport.await(fileName + " in " + disposition + " with its result", timeout,
                () -> Files.exists(moved) && Files.exists(result));
        return JSON.readTree(result.toFile());
    }

    @Test
    void thousandsOfCertificatesInOneDroppedFileAreEachAcceptedAndReportedInOrder() throws Exception {
        int count = 2_000;
        String fileName = "large-" + RUN + ".csv";
        byte[] file = batch("L", count).getBytes(StandardCharsets.UTF_8);
        assertThat(file.length).isBetween(MAX_BYTES, MAX_BATCH_BYTES);

        put(inbox("kr-csv"), fileName, file);

        JsonNode report = awaitResult(inbox("kr-csv"), ".done", fileName, Duration.ofMinutes(10));
        assertThat(report.path("accepted").asInt()).as(report.path("certificates").path(0).toString()).isEqualTo(count);
        assertThat(report.path("rejected").asInt()).isZero();
        JsonNode certificates = report.path("certificates");
        assertThat(certificates).hasSize(count);
        for (int n = 1; n <= count; n++) {
            JsonNode outcome = certificates.get(n - 1);
            assertThat(outcome.path("certificateId").asText()).isEqualTo(id("L", n));
            assertThat(outcome.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(outcome.path("line").asInt()).isEqualTo(2 * n);
            assertThat(outcome.path("messageId").asText()).isNotBlank();
        }
        // every RECEIVED row names the whole file, as for a document read into memory
        String status = HubTestSupport.get(PORT, "/api/v1/certificates/" + id("L", count)).body();
        assertThat(status).contains("\"payloadSha256\":\"" + Sha256.of(file) + "\"").contains("via file in kr-csv, line "
                + 2 * count);
        // the report grows by one short outcome per certificate (about 130 bytes: 1.3 MB for 10 000 certificates)
        long reportBytes = Files.size(inbox("kr-csv").resolve(".done").resolve(fileName + ".result.json"));
        assertThat(reportBytes / count).as("report bytes per certificate").isLessThan(200);
    }

    @Test
    void badCertificatesOfADroppedBatchAreRejectedWithTheirLineAndTheGoodOnesAccepted() throws Exception {
        int count = 200;
        List<String> lines = new ArrayList<>(List.of(batch("M", count).split("\n")));
        // certificate n: H on line 2n (index 2n - 1), its item on line 2n + 1
        Map<Integer, String> bad = Map.of(
                7, "E040 line 14: CNE_CTRY",           // unknown consignee country
                50, "E001 line 101",                   // an item record a field short
                120, "E001 line 240",                  // a character after a closing quote in the H record
                199, "E040 line 398: CNE_CTRY");
        lines.set(13, lines.get(13).replace(";Cilegon;IDN;", ";Cilegon;XXX;"));
        lines.set(100, lines.get(100).substring(0, lines.get(100).lastIndexOf(';')));
        lines.set(239, lines.get(239).replace("Nam-gu\";", "Nam-gu\"x;"));
        lines.set(397, lines.get(397).replace(";Cilegon;IDN;", ";Cilegon;XXX;"));
        String fileName = "mixed-" + RUN + ".csv";

        put(inbox("kr-csv"), fileName, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitResult(inbox("kr-csv"), ".done", fileName, Duration.ofMinutes(5));
        assertThat(report.path("accepted").asInt()).isEqualTo(count - bad.size());
        assertThat(report.path("rejected").asInt()).isEqualTo(bad.size());
        JsonNode certificates = report.path("certificates");
        assertThat(certificates).hasSize(count);
        for (int n = 1; n <= count; n++) {
            JsonNode outcome = certificates.get(n - 1);
            assertThat(outcome.path("line").asInt()).isEqualTo(2 * n);
            if (!bad.containsKey(n)) {
                assertThat(outcome.path("status").asText()).as(outcome.toString()).isEqualTo("ACCEPTED");
                assertThat(outcome.path("certificateId").asText()).isEqualTo(id("M", n));
                continue;
            }
            assertThat(outcome.path("status").asText()).as(outcome.toString()).isEqualTo("REJECTED");
            JsonNode error = outcome.path("errors").get(0);
            assertThat(error.path("code").asText() + " " + error.path("field").asText()).isEqualTo(bad.get(n));
        }
        assertThat(certificates.get(49).path("errors").get(0).path("message").asText())
                .isEqualTo("record I has 14 fields, the layout has 15");
        assertThat(certificates.get(119).path("errors").get(0).path("message").asText())
                .isEqualTo("field 10 has 'x' after its closing quote");
    }

    @Test
    void krCsvFileOverMaxBytesIsTakenFromTheDropFolderWhileAnXmlDocumentOverMaxBytesIsRefused() throws Exception {
        String krFile = "over-max-bytes-" + RUN + ".csv";
        String padding = ("# " + "-".repeat(97) + "\n").repeat(MAX_BYTES / 100 + 10);
        byte[] kr = (padding + batch("X", 3)).getBytes(StandardCharsets.UTF_8);
        String xmlFile = "over-max-bytes-" + RUN + ".xml";
        String formd = new String(HubTestSupport.sample("formd-xml/TH-VN-rubber.xml"), StandardCharsets.UTF_8)
                .replace("TH-DFT-2025-D-0001234", "TH-X" + RUN);
        byte[] xml = (formd + "<!--" + " ".repeat(MAX_BYTES) + "-->").getBytes(StandardCharsets.UTF_8);
        assertThat(kr.length).isGreaterThan(MAX_BYTES);

        put(inbox("kr-csv"), krFile, kr);
        put(inbox("formd-xml"), xmlFile, xml);

        JsonNode accepted = awaitResult(inbox("kr-csv"), ".done", krFile, ASYNC);
        assertThat(accepted.path("accepted").asInt()).as(accepted.toString()).isEqualTo(3);
        JsonNode refused = awaitResult(inbox("formd-xml"), ".failed", xmlFile, ASYNC);
        assertThat(refused.path("rejected").asInt()).isEqualTo(1);
        JsonNode error = refused.path("certificates").get(0).path("errors").get(0);
        assertThat(error.path("code").asText()).isEqualTo("E001");
        assertThat(error.path("message").asText()).contains("more than " + MAX_BYTES + " bytes");
    }

    @Test
    void krCsvFileOverMaxBatchBytesIsRefusedUnread() throws Exception {
        String fileName = "over-max-batch-bytes-" + RUN + ".csv";
        String padding = ("# " + "-".repeat(97) + "\n").repeat(MAX_BATCH_BYTES / 100 + 10);
        byte[] file = (batch("Y", 1) + padding).getBytes(StandardCharsets.UTF_8);

        put(inbox("kr-csv"), fileName, file);

        JsonNode report = awaitResult(inbox("kr-csv"), ".failed", fileName, ASYNC);
        assertThat(report.path("accepted").asInt()).isZero();
        JsonNode outcome = report.path("certificates").get(0);
        assertThat(outcome.has("certificateId")).as("not read, so no certificate is named").isFalse();
        assertThat(outcome.path("errors").get(0).path("code").asText()).isEqualTo("E001");
        assertThat(outcome.path("errors").get(0).path("message").asText())
                .isEqualTo("the document has " + file.length + " bytes; the limit is " + MAX_BATCH_BYTES);
        assertThat(HubTestSupport.get(PORT, "/api/v1/certificates/" + id("Y", 1)).statusCode()).isEqualTo(404);
    }

    @Test
    void krCsvBatchFromTheSftpOutboxIsReadFromItsDownloadedCopyWhichIsThenDeleted() throws Exception {
        int count = 300;
        String fileName = "sftp-" + RUN + ".csv";
        byte[] file = batch("S", count).getBytes(StandardCharsets.UTF_8);
        assertThat(file.length).isGreaterThan(MAX_BYTES);
        Path outbox = sftp.root().resolve("kr-csv").resolve("outbox");

        put(outbox, fileName, file);

        JsonNode report = awaitResult(outbox, ".done", fileName, Duration.ofMinutes(5));
        assertThat(report.path("accepted").asInt()).as(report.path("certificates").path(0).toString()).isEqualTo(count);
        assertThat(report.path("certificates").get(count - 1).path("line").asInt()).isEqualTo(2 * count);
        String status = HubTestSupport.get(PORT, "/api/v1/certificates/" + id("S", 1)).body();
        assertThat(status).contains("\"payloadSha256\":\"" + Sha256.of(file) + "\"").contains("via sftp in kr-csv");
        Path work = DATA.resolve("work").resolve("sftp").resolve("kr-csv");
        HubTestSupport.await("the downloaded copy deleted", ASYNC, () -> {
            try (Stream<Path> files = Files.walk(work)) {
                return files.noneMatch(Files::isRegularFile);
            } catch (IOException e) {
                return false;
            }
        });
    }
}

package org.originhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.originhub.support.DemoHubTestBase;
import org.originhub.support.HubTestSupport;

/**
 * The file-drop channel of the demo hub: a document dropped into ${originhub.data-dir}/inbox/cl-json/ is
 * ingested, then moved to .done/ (something accepted) or .failed/ (nothing accepted) with its result report.
 */
class FileDropIngestTest extends DemoHubTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASYNC = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String CL_SAMPLE_ID = "CL-SOFOFA-2025-000123";

    private static String uniqueId() {
        return "CL-F" + RUN + "-" + SEQ.incrementAndGet();
    }

    private static String clJson(String certificateId) {
        return new String(HubTestSupport.sample("cl-json/CL-PE-grapes.json"), StandardCharsets.UTF_8)
                .replace(CL_SAMPLE_ID, certificateId);
    }

    private static Path inbox() throws IOException {
        return Files.createDirectories(DATA.resolve("inbox").resolve("cl-json"));
    }

    /** Written under a temporary name the route ignores, then moved into place in one step. */
    private static void drop(String fileName, String content) throws IOException {
        Path inbox = inbox();
        Path temporary = inbox.resolve(fileName + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, inbox.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode awaitResult(String disposition, String fileName) throws IOException {
        Path moved = DATA.resolve("inbox").resolve("cl-json").resolve(disposition).resolve(fileName);
        Path result = moved.resolveSibling(fileName + ".result.json");
        HubTestSupport.await(fileName + " in " + disposition + " with its result", ASYNC,
                () -> Files.exists(moved) && Files.exists(result));
        assertThat(inbox().resolve(fileName)).doesNotExist();
        return JSON.readTree(Files.readString(result));
    }

    @Test
    void goodFileEndsInDoneAndItsCertificateIsAccepted() throws Exception {
        String id = uniqueId();
        String fileName = id + ".json";

        drop(fileName, clJson(id));

        JsonNode report = awaitResult(".done", fileName);
        assertThat(report.path("sourceId").asText()).isEqualTo("cl-json");
        assertThat(report.path("accepted").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("rejected").asInt()).isZero();
        JsonNode outcome = report.path("certificates").get(0);
        assertThat(outcome.path("certificateId").asText()).isEqualTo(id);
        assertThat(outcome.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(outcome.path("partner").asText()).isEqualTo("pe");
        assertThat(Files.exists(DATA.resolve("inbox/cl-json/.failed").resolve(fileName))).isFalse();

        String[] last = new String[1];
        try {
            HubTestSupport.await(id + " ACCEPTED", ASYNC, () -> {
                HttpResponse<String> status = HubTestSupport.get(PORT, "/api/v1/certificates/" + id);
                last[0] = status.body();
                return status.statusCode() == 200 && status.body().contains("\"status\":\"ACCEPTED\"")
                        && status.body().contains("\"ACKNOWLEDGED\"");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status: " + last[0], e);
        }
        JsonNode status = JSON.readTree(last[0]);
        assertThat(status.path("events").toString()).contains("\"via file").contains("\"SENT\"");
    }

    @Test
    void fileWithNothingAcceptableEndsInFailedWithItsErrors() throws Exception {
        String id = uniqueId();
        String fileName = id + ".json";
        String document = clJson(id).replace("\"paisImportador\": \"PE\"", "\"paisImportador\": \"XX\"")
                .replace("\"pesoBruto\": 13100", "\"pesoBruto\": \"13100\"");
        assertThat(document).contains("\"pesoBruto\": \"13100\"");

        drop(fileName, document);

        JsonNode report = awaitResult(".failed", fileName);
        assertThat(report.path("accepted").asInt()).as(report.toString()).isZero();
        assertThat(report.path("rejected").asInt()).isEqualTo(1);
        JsonNode outcome = report.path("certificates").get(0);
        assertThat(outcome.path("certificateId").asText()).isEqualTo(id);
        assertThat(outcome.path("status").asText()).isEqualTo("REJECTED");
        JsonNode errors = outcome.path("errors");
        assertThat(errors.size()).isGreaterThanOrEqualTo(1);
        errors.forEach(error -> {
            assertThat(error.path("code").asText()).matches("E\\d{3}");
            assertThat(error.path("message").asText()).isNotBlank();
        });
        assertThat(errors.toString()).contains("E040").contains("pesoBruto");
        assertThat(Files.exists(DATA.resolve("inbox/cl-json/.done").resolve(fileName))).isFalse();

        HttpResponse<String> status = HubTestSupport.get(PORT, "/api/v1/certificates/" + id);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"REJECTED\"").doesNotContain("\"SENT\"");
    }
}

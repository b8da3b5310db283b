package org.originhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originhub.support.DemoHubTestBase;
import org.originhub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * The JMS channel of the demo hub: a kr-csv batch put on originhub.ingest.kr-csv is ingested, its report goes to
 * originhub.ingest.kr-csv.reports, and its certificates travel to their partner and are acknowledged.
 */
class JmsIngestTest extends DemoHubTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASYNC = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @Autowired
    private JmsTemplate jms;

    @Test
    void krCsvBatchOnTheQueueIsReportedAndBothCertificatesAreAccepted() throws Exception {
        String first = "KR-J" + RUN + "-1";
        String second = "KR-J" + RUN + "-2";
        byte[] document = new String(HubTestSupport.sample("kr-csv/KR-ID-steel-batch.csv"), StandardCharsets.UTF_8)
                .replace("KR2025A00012345", first).replace("KR2025A00012346", second)
                .getBytes(StandardCharsets.UTF_8);

        jms.send("originhub.ingest.kr-csv", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(document);
            return message;
        });

        JsonNode report = awaitReport(first);
        assertThat(report.path("sourceId").asText()).isEqualTo("kr-csv");
        assertThat(report.path("accepted").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isZero();
        assertThat(report.path("certificates")).hasSize(2);
        assertThat(report.path("certificates").get(0).path("certificateId").asText()).isEqualTo(first);
        assertThat(report.path("certificates").get(1).path("certificateId").asText()).isEqualTo(second);
        report.path("certificates").forEach(outcome -> {
            assertThat(outcome.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(outcome.path("partner").asText()).isEqualTo("id");
        });

        awaitAccepted(first);
        awaitAccepted(second);
    }

    /** Reads reports until the one that names the certificate arrives. */
    private JsonNode awaitReport(String certificateId) throws Exception {
        long end = System.nanoTime() + ASYNC.toNanos();
        jms.setReceiveTimeout(1000);
        while (System.nanoTime() < end) {
            Message message = jms.receive("originhub.ingest.kr-csv.reports");
            if (message == null) {
                continue;
            }
            String text = text(message);
            if (text.contains(certificateId)) {
                return JSON.readTree(text);
            }
        }
        throw new AssertionError("no report naming " + certificateId + " on originhub.ingest.kr-csv.reports within " + ASYNC);
    }

    private static String text(Message message) throws Exception {
        if (message instanceof TextMessage textMessage) {
            return textMessage.getText();
        }
        if (message instanceof BytesMessage bytesMessage) {
            byte[] bytes = new byte[(int) bytesMessage.getBodyLength()];
            bytesMessage.readBytes(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(message.getBody(Object.class));
    }

    private static void awaitAccepted(String certificateId) {
        String[] last = new String[1];
        try {
            HubTestSupport.await(certificateId + " ACCEPTED", ASYNC, () -> {
                HttpResponse<String> status = HubTestSupport.get(PORT, "/api/v1/certificates/" + certificateId);
                last[0] = status.body();
                return status.statusCode() == 200 && status.body().contains("\"status\":\"ACCEPTED\"")
                        && status.body().contains("\"ACKNOWLEDGED\"");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status: " + last[0], e);
        }
        assertThat(last[0]).contains("via jms");
    }
}

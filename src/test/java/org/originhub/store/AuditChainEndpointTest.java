package org.originhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originhub.support.DemoHubTestBase;
import org.originhub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit chain of a running hub: after real traffic GET /api/v1/audit/verification answers intact; a row
 * changed in the database behind the hub's back is reported with its id, and verifies again once put back.
 */
class AuditChainEndpointTest extends DemoHubTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASYNC = Duration.ofSeconds(30);

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private AuditChainOperations operations;

    private static JsonNode verification() {
        HttpResponse<String> response = HubTestSupport.get(PORT, "/api/v1/audit/verification");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Test
    void afterTrafficTheChainVerifiesAndAChangedRowIsReportedWithItsId() {
        String id = "TH-A" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        byte[] document = HubTestSupport.formdVariant(id, "VIET NAM");
        assertThat(HubTestSupport.post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", document)
                .statusCode()).isEqualTo(202);
        HubTestSupport.await(id + " acknowledged", ASYNC, () -> HubTestSupport.get(PORT, "/api/v1/certificates/" + id)
                .body().contains("ACKNOWLEDGED"));
        long received = jdbc.queryForObject("SELECT MIN(id) FROM audit_event WHERE certificate_id = ?", Long.class, id);
        HubTestSupport.await("the certificate's first audit row sealed", ASYNC, () -> jdbc.queryForObject(
                "SELECT seal_seq FROM audit_event WHERE id = ?", Long.class, received) != null);

        JsonNode intact = verification();
        assertThat(intact.path("intact").asBoolean()).as("%s", intact).isTrue();
        assertThat(intact.path("rowsChecked").asLong()).isPositive().isEqualTo(intact.path("sealed").asLong());
        assertThat(intact.path("brokenLinks").asLong()).isZero();
        assertThat(intact.path("firstBrokenLink").isNull()).isTrue();

        String detail = jdbc.queryForObject("SELECT detail FROM audit_event WHERE id = ?", String.class, received);
        jdbc.update("UPDATE audit_event SET detail = ? WHERE id = ?", "nothing happened", received);
        JsonNode broken;
        try {
            broken = verification();
        } finally {
            jdbc.update("UPDATE audit_event SET detail = ? WHERE id = ?", detail, received);
        }
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("brokenLinks").asLong()).isEqualTo(1);
        assertThat(broken.path("firstBrokenLink").path("id").asLong()).isEqualTo(received);
        assertThat(broken.path("firstBrokenLink").path("reason").asText()).contains("changed");
        assertThat(verification().path("intact").asBoolean()).as("the original row put back").isTrue();

        // the JMX operation Hawtio shows (JMX itself is off in @SpringBootTest hubs; DeadLetters' export is tested)
        assertThat(operations.verify()).startsWith("intact: ");
        assertThat(operations.getHead()).startsWith("seal ");
    }
}

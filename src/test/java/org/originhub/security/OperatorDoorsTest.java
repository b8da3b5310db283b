package org.originhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.support.HubTestSupport.OPERATOR;
import static org.originhub.support.HubTestSupport.VIEWER;
import static org.originhub.support.HubTestSupport.get;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.support.HubTestSupport;
import org.originhub.support.ReliabilityHubs;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The doors of a running hub: nobody enters the console, Jolokia, the actuator or the operator API without a
 * login (health excepted); a viewer reads but neither replays nor executes JMX operations; a national system
 * submits only with its own source's key.
 */
class OperatorDoorsTest {

    private static final int PORT = HubTestSupport.freePort();
    private static ConfigurableApplicationContext hub;

    @BeforeAll
    static void startHub() {
        hub = HubTestSupport.startHub(ReliabilityHubs.th(PORT, HubTestSupport.dataDir("doors"), HubTestSupport.freePort())
                .toArray(String[]::new));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void withoutALoginTheConsoleJolokiaTheActuatorAndTheOperatorApiAreRefusedButHealthIsOpen() {
        for (String door : List.of("/actuator/hawtio/", "/actuator/jolokia/read/java.lang:type=Memory", "/actuator/metrics",
                "/actuator/env", "/api/v1/dead-letters", "/api/v1/certificates/TH-DFT-2025-D-0001234", "/api/v1/blocks")) {
            assertThat(get(PORT, door, null).statusCode()).as(door).isEqualTo(401);
            assertThat(get(PORT, door, HubTestSupport.basic("operator", "wrong")).statusCode()).as(door + " wrong password")
                    .isEqualTo(401);
        }
        assertThat(get(PORT, "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get(PORT, "/actuator/hawtio/", OPERATOR).statusCode()).isEqualTo(200);
    }

    @Test
    void anAnswerWrittenByARouteStillCarriesTheSecurityHeaders() {
        HttpResponse<String> answer = get(PORT, "/api/v1/dead-letters", OPERATOR);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value)
                .contains("no-store"));
        assertThat(answer.headers().firstValue("X-Frame-Options")).isPresent();
    }

    @Test
    void aViewerReadsButCannotReplayReloadOrExecuteJmxOperations() {
        assertThat(get(PORT, "/api/v1/dead-letters", VIEWER).statusCode()).isEqualTo(200);
        assertThat(get(PORT, "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage", VIEWER).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/certificates/ANY/replay", VIEWER, null, "").statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/blocks/reload", VIEWER, null, "").statusCode()).isEqualTo(403);
        assertThat(get(PORT, "/actuator/jolokia/exec/java.lang:type=Memory/gc", VIEWER).statusCode()).isEqualTo(403);

        // as the console does it: a POSTed JSON request with the CSRF token from the cookie
        String token = csrfToken(VIEWER);
        String exec = "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}";
        String read = "[{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}]";
        assertThat(post("/actuator/jolokia", VIEWER, token, exec).statusCode()).isEqualTo(403);
        assertThat(post("/actuator/jolokia", VIEWER, token, read).statusCode()).isEqualTo(200);
        String operatorToken = csrfToken(OPERATOR);
        HttpResponse<String> byOperator = post("/actuator/jolokia", OPERATOR, operatorToken, exec);
        assertThat(byOperator.statusCode()).isEqualTo(200);
        assertThat(byOperator.body()).contains("\"status\":200");
    }

    @Test
    void jolokiaRefusesTheMBeansPastAttacksWentThroughEvenToAnOperator() {
        HttpResponse<String> diagnostic = get(PORT,
                "/actuator/jolokia/exec/com.sun.management:type=DiagnosticCommand/vmSystemProperties", OPERATOR);

        assertThat(diagnostic.body()).contains("\"status\":403");
    }

    @Test
    void aNationalSystemSubmitsOnlyWithItsOwnSourcesKey() {
        byte[] document = HubTestSupport.formdVariant("TH-DFT-2025-S-0000001", "VIET NAM");

        assertThat(submit(null, document).statusCode()).isEqualTo(401);
        assertThat(submit("demo-key-kr-csv", document).statusCode()).as("another source's key").isEqualTo(401);
        assertThat(submit("not-a-key", document).statusCode()).isEqualTo(401);
        assertThat(HubTestSupport.get(PORT, "/api/v1/certificates/TH-DFT-2025-S-0000001").statusCode()).isEqualTo(404);
        assertThat(submit(HubTestSupport.sourceKey("formd-xml"), document).statusCode()).isEqualTo(202);
    }

    private static HttpResponse<String> submit(String key, byte[] document) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                + "/api/v1/sources/formd-xml/certificates")).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document));
        if (key != null) {
            request.header(SourceKeys.HEADER, key);
        }
        return HubTestSupport.send(request);
    }

    private static HttpResponse<String> post(String path, String authorization, String csrf, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf).header("Cookie", "XSRF-TOKEN=" + csrf);
        }
        return HubTestSupport.send(request);
    }

    /** The XSRF-TOKEN cookie the console reads before it POSTs. */
    private static String csrfToken(String authorization) {
        HttpResponse<String> response = get(PORT, "/actuator/jolokia/version", authorization);
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie: " + response.headers()));
    }
}

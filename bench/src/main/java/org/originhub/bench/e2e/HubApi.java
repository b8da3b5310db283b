package org.originhub.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's read API and actuator as the demo viewer (viewer:demo-viewer), logged in once through the hub's login
 * form and then reading with the session cookie. Why not HTTP Basic on every request: the hub checks a Basic login
 * against a BCrypt hash each time (Spring Security upgrades the {noop} demo password to BCrypt in memory after the
 * first login), about 50–70 ms of CPU per request on the benchmark machine. One heap sample a second would cost each
 * hub 5 % of a core, and reading ten thousand certificates' audit times would cost minutes.
 */
public final class HubApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEWER = "viewer";
    private static final String PASSWORD = "demo-viewer";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    /** One client (one cookie jar) per hub: cookies ignore the port, and both hubs listen on 127.0.0.1. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager()).build();
    private final String base;
    private volatile boolean session;

    public HubApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Logs in through the form (GET /login for its CSRF token, POST /login). When that fails, every request carries
     * HTTP Basic instead, with the cost described above; the progress log says so.
     */
    public HubApi login() {
        try {
            String page = new String(send(HttpRequest.newBuilder(URI.create(base + "/login")).GET()).body(),
                    StandardCharsets.UTF_8);
            Matcher token = CSRF.matcher(page);
            if (token.find()) {
                String form = "username=" + VIEWER + "&password=" + PASSWORD + "&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
                HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
                // a refused login is a redirect too, to /login?error
                session = answer.statusCode() == 302
                        && !answer.headers().firstValue("Location").orElse("").contains("error");
                // the session must open the API without Basic (get() adds it only without a session)
                session = session && get("/api/v1/blocks").isPresent();
            }
        } catch (IOException e) {
            session = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!session) {
            RunContext.say("no session on " + base + ": reading with HTTP Basic, one BCrypt check per request");
        }
        return this;
    }

    /** GET /api/v1/certificates/{id}: status and audit events; empty when the hub does not know the id. */
    public Optional<JsonNode> certificate(String id) throws IOException, InterruptedException {
        return get("/api/v1/certificates/" + id);
    }

    /** Heap in use, bytes (jvm.memory.used, area heap), or -1. */
    public long heapUsed() {
        try {
            return get("/actuator/metrics/jvm.memory.used?tag=area:heap")
                    .map(m -> m.path("measurements").path(0).path("value").asLong(-1)).orElse(-1L);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Optional<JsonNode> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (!session) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((VIEWER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> answer = send(request);
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode());
        }
        return Optional.of(JSON.readTree(answer.body()));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

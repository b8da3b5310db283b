package org.originhub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the tests that start whole hubs: free ports, fresh data folders, HTTP calls, waiting. */
public final class HubTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HubTestSupport() {
    }

    /**
     * Starts a whole hub in this JVM. Arguments outrank application.properties; to the test's own ones this adds
     * what every such hub needs: no embedded SFTP server (the test starts its own), and no waiting at shutdown
     * for deliveries still retrying when the test ends.
     */
    public static org.springframework.context.ConfigurableApplicationContext startHub(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "--originhub.sftp.embedded.enabled=false",
                "--camel.main.shutdown-timeout=3",
                "--spring.lifecycle.timeout-per-shutdown-phase=3s"), java.util.Arrays.stream(args)).toArray(String[]::new);
        return new org.springframework.boot.builder.SpringApplicationBuilder(org.originhub.OriginHubApplication.class)
                .run(all);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh folder under target/ for one hub's broker journal, database and drop folders. */
    public static Path dataDir(String name) {
        try {
            Path base = Path.of("target", "test-hubs");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sample(String relative) {
        try {
            return Files.readAllBytes(Path.of("samples", relative));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TH-VN Form D sample with another certificate id and importing country (Form D country name). */
    public static byte[] formdVariant(String id, String importingCountry) {
        return new String(sample("formd-xml/TH-VN-rubber.xml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("TH-DFT-2025-D-0001234", id)
                .replace("<ImportingCountry>VIET NAM</ImportingCountry>", "<ImportingCountry>" + importingCountry
                        + "</ImportingCountry>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The demo operator's login (application.properties), sent with every test request to the operator API. */
    public static final String OPERATOR = basic("operator", "demo-operator");
    public static final String VIEWER = basic("viewer", "demo-viewer");
    private static final java.util.regex.Pattern SUBMISSION =
            java.util.regex.Pattern.compile("^/api/v1/sources/([^/]+)/certificates$");

    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The demo and test sources' API key convention: "demo-key-" + the source id (its SHA-256 is in the source file). */
    public static String sourceKey(String sourceId) {
        return "demo-key-" + sourceId;
    }

    /** POST as the operator; a submission to a source also carries that source's API key. */
    public static HttpResponse<String> post(int port, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).header("Authorization", OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        java.util.regex.Matcher submission = SUBMISSION.matcher(path);
        if (submission.matches()) {
            request.header("X-Api-Key", sourceKey(submission.group(1)));
        }
        return send(request.build());
    }

    /** GET as the operator. */
    public static HttpResponse<String> get(int port, String path) {
        return get(port, path, OPERATOR);
    }

    /** GET with the given Authorization header value, or none (null). */
    public static HttpResponse<String> get(int port, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** Any request, as built by the test. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds; fails with the message after the timeout. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }
}

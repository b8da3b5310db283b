package org.originhub.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.originhub.bench.e2e.reference.PlainCamelReference;

/**
 * The plain Camel route (validate → XSLT → persistent queue → transacted consumer) in a JVM of its own, under the same
 * closed-loop clients as the sending hub alone, on formd-xml (the format of its schema and stylesheet). Started once,
 * measured in one window ({@link #run}) or in several, alternating with the sending hub ({@link AlternatingPhases}).
 */
final class ReferencePhase implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunContext run;
    private final int port;
    private final ChildJvm reference;
    private final Documents documents;
    private final MeasuredWindows windows = new MeasuredWindows();
    /** The consumer's figures of each window: certificates consumed, the window's seconds, ingest → consumed. */
    private final List<JsonNode> consumed = new ArrayList<>();

    private ReferencePhase(RunContext run, int port, ChildJvm reference) {
        this.run = run;
        this.port = port;
        this.reference = reference;
        this.documents = new Documents(Map.of("formd-xml", 1), run.tag);
    }

    /** The phase on its own: warm-up and one measured window. */
    static PhaseResult run(RunContext run) throws IOException, InterruptedException {
        try (ReferencePhase reference = start(run)) {
            reference.window(run.options.warmup(), run.options.measure());
            return reference.result();
        }
    }

    static ReferencePhase start(RunContext run) throws IOException, InterruptedException {
        E2eOptions options = run.options;
        int port = RunContext.freePort();
        // the driver's class path (the hub's classes, then the bench jar); xsd/ and xslt/ of the repository run-e2e.sh
        // runs in (not the folder of --hub-jar, which may be a copy of an older build anywhere)
        List<String> launch = List.of("-cp", System.getProperty("java.class.path"), PlainCamelReference.class.getName(),
                "--port=" + port, "--data-dir=" + run.data("reference"), "--consumers=" + options.consumers(),
                "--resources=" + Path.of("").toAbsolutePath());
        RunContext.say("reference: starting the plain Camel route (log " + run.log("reference") + ")");
        ChildJvm reference = ChildJvm.start("reference", run.jvmArgs(), launch, run.log("reference"));
        try {
            reference.awaitReady("http://127.0.0.1:" + port + "/stats", options.startTimeout());
        } catch (RuntimeException | InterruptedException e) {
            reference.stop();
            throw e;
        }
        return new ReferencePhase(run, port, reference);
    }

    /** Closed-loop load for {@code warmup}, then one measured window; answers the window's rate. */
    double window(Duration warmup, Duration measure) throws InterruptedException {
        ResourceMeter meter = new ResourceMeter(List.of(new ResourceMeter.Target("reference", reference.pid(),
                () -> stats("").path("heapUsed").asLong(-1))));
        Window counters = new Window() {
            @Override
            public void opened() {
                stats("?reset");
            }

            @Override
            public void closed() {
                consumed.add(stats("?latencies"));
            }
        };
        LoadRun load = run.load("reference", Ingest.reference(run.http, port), documents, warmup, measure,
                Window.all(run.meter("reference", meter, meter.targets()), counters));
        return windows.add(load, meter.uses());
    }

    /** Load without a measured window: the JIT and the pools warm up. */
    void warm(Duration warmup) throws InterruptedException {
        run.load("reference", Ingest.reference(run.http, port), documents, warmup, Duration.ZERO, new Window() { });
    }

    PhaseResult result() {
        List<Double> latencies = new ArrayList<>();
        double seconds = 0;
        long count = 0;
        for (JsonNode window : consumed) {
            window.path("latenciesMicros").forEach(micros -> latencies.add(micros.asLong() / 1e3));
            seconds += window.path("seconds").asDouble();
            count += window.path("consumed").asLong();
        }
        return new PhaseResult("reference", "plain Camel: HTTP → validate → XSLT → persistent queue → transacted consumer"
                + " (formd-xml)", windows.load(), windows.seconds(), windows.documents(), windows.errors(),
                windows.acceptedPerSecond(), windows.answers(), "consumed", count / seconds, Latency.ofMillis(latencies),
                null, null, null, null, null, windows.uses());
    }

    @Override
    public void close() throws InterruptedException {
        reference.stop();
    }

    /** GET /stats of the reference; an empty object when it does not answer. */
    private JsonNode stats(String query) {
        try {
            HttpResponse<byte[]> answer = run.http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/stats" + query)).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode();
        }
    }
}

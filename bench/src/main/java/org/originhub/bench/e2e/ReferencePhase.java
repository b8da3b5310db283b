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
 * closed-loop clients as the sending hub alone, on formd-xml (the format of its schema and stylesheet).
 */
final class ReferencePhase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunContext run;

    ReferencePhase(RunContext run) {
        this.run = run;
    }

    PhaseResult run() throws IOException, InterruptedException {
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
            ResourceMeter meter = new ResourceMeter(List.of(new ResourceMeter.Target("reference", reference.pid(),
                    () -> stats(port, "").path("heapUsed").asLong(-1))));
            List<JsonNode> consumed = new ArrayList<>();
            Window window = new Window() {
                @Override
                public void opened() {
                    stats(port, "?reset");
                }

                @Override
                public void closed() {
                    consumed.add(stats(port, "?latencies"));
                }
            };
            RunContext.say("reference: " + options.clients() + " clients, " + options.warmup().toSeconds() + " s warm-up + "
                    + options.measure().toSeconds() + " s measured");
            LoadRun load = ClosedLoop.run(Ingest.reference(run.http, port), new Documents(Map.of("formd-xml", 1), run.tag),
                    options.clients(), options.warmup(), options.measure(),
                    Window.all(run.meter("reference", meter, meter.targets()), window));
            return result(load, consumed.get(0), meter);
        } finally {
            reference.stop();
        }
    }

    private PhaseResult result(LoadRun load, JsonNode consumed, ResourceMeter meter) {
        double[] latencies = new double[consumed.path("latenciesMicros").size()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = consumed.path("latenciesMicros").path(i).asLong() / 1e3;
        }
        double seconds = consumed.path("seconds").asDouble();
        return new PhaseResult("reference", "plain Camel: HTTP → validate → XSLT → persistent queue → transacted consumer"
                + " (formd-xml)", load.clients() + " clients", load.windowSeconds(), load.measured().size(),
                load.measuredErrors(), load.acceptedPerSecond(), load.answerLatency(), "consumed",
                consumed.path("consumed").asLong() / seconds, Latency.ofMillis(latencies), null, null, null, null,
                meter.uses());
    }

    /** GET /stats of the reference; an empty object when it does not answer. */
    private JsonNode stats(int port, String query) {
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

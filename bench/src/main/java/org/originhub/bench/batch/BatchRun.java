package org.originhub.bench.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.originhub.bench.ExternalCommand;
import org.originhub.bench.e2e.BlackHole;
import org.originhub.bench.e2e.ChildJvm;
import org.originhub.bench.e2e.HubApi;
import org.originhub.bench.e2e.ProcessCpu;

/**
 * One batch size on a fresh hub (target/originhub.jar in a child JVM, bench/batch/hub, its partner a socket that never
 * answers): an untimed warm-up batch, then the timed one, dropped into {@code <data-dir>/inbox/kr-csv/} as a national
 * system would (written elsewhere on the same disk, then moved in at once).
 */
final class BatchRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final BatchOptions options;
    private final Path dir;
    private final String tag;

    /**
     * @param dir this run's folder (logs, recordings; data directories under data/)
     * @param tag unique to the run, in every certificate number
     */
    BatchRun(BatchOptions options, Path dir, String tag) {
        this.options = options;
        this.dir = dir;
        this.tag = tag;
    }

    SizeResult run(double sizeMiB, int index) throws IOException, InterruptedException {
        String label = label(sizeMiB);
        Path data = Files.createDirectories(dir.resolve("data").resolve(label));
        Path staging = Files.createDirectories(data.resolve("staging"));
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve("kr-csv"));
        Path recording = dir.resolve("hub-" + label + ".jfr");
        Path log = dir.resolve("hub-" + label + ".log");
        // generated before the hub starts: writing 100 MiB must not compete with the hub for the disk and the cores
        KrCsvBatchFile.Written warmup = options.warmupMiB() > 0 ? KrCsvBatchFile.write(staging.resolve("warmup.csv"),
                Math.round(options.warmupMiB() * 1048576), tag + "W" + index) : null;
        KrCsvBatchFile.Written batch = KrCsvBatchFile.write(staging.resolve("batch-" + label + ".csv"),
                Math.round(sizeMiB * 1048576), tag + "M" + index);
        BatchBench.say(label + ": " + batch.certificates() + " certificates, " + batch.bytes() + " bytes; starting the hub"
                + " (log " + log + ")");
        try (BlackHole partner = new BlackHole()) {
            int port = freePort();
            ChildJvm hub = ChildJvm.start("hub " + label, jvmArgs(recording), launch(port, data, partner.port()), log);
            try {
                hub.awaitReady("http://127.0.0.1:" + port + "/actuator/health/readiness", options.startTimeout());
                HubApi api = new HubApi(port).login();
                if (warmup != null) {
                    BatchBench.say(label + ": warm-up batch of " + warmup.certificates() + " certificates");
                    awaitResult(hub, drop(warmup.file(), inbox), inbox);
                }
                return measure(hub, api, batch, inbox, sizeMiB, recording);
            } finally {
                hub.kill();
            }
        }
    }

    private SizeResult measure(ChildJvm hub, HubApi api, KrCsvBatchFile.Written batch, Path inbox, double sizeMiB,
            Path recording) throws IOException, InterruptedException {
        BatchBench.say(label(sizeMiB) + ": dropping the batch");
        long ticks = ProcessCpu.ticks(hub.pid());
        Instant dropped;
        Path result;
        String failure = null;
        double heapPeak;
        double heapAverage;
        int heapSamples;
        long cpuTicks;
        Instant done;
        try (HeapSampler heap = new HeapSampler(api::heapUsed)) {
            dropped = Instant.now();
            String name = drop(batch.file(), inbox);
            try {
                result = awaitResult(hub, name, inbox);
            } catch (IllegalStateException e) {
                result = null;
                failure = e.getMessage();
            }
            done = Instant.now();
            cpuTicks = ProcessCpu.ticks(hub.pid()) - ticks;
            heap.close();
            heapPeak = heap.peakMiB();
            heapAverage = heap.averageMiB();
            heapSamples = heap.samples();
        }
        double seconds = Duration.between(dropped, done).toNanos() / 1e9;
        int accepted = 0;
        int rejected = 0;
        int reported = 0;
        long reportBytes = 0;
        double firstReceived = Double.NaN;
        if (result != null) {
            reportBytes = Files.size(result);
            JsonNode report = JSON.readTree(result.toFile());
            accepted = report.path("accepted").asInt();
            rejected = report.path("rejected").asInt();
            reported = report.path("certificates").size();
            String first = report.path("certificates").path(0).path("certificateId").asText();
            firstReceived = received(api, first).map(at -> Duration.between(dropped, at).toNanos() / 1e9).orElse(Double.NaN);
        }
        JfrFigures jfr = null;
        if (options.jfr() && hub.alive()) {
            dump(hub, recording);
            jfr = JfrFigures.read(recording, dropped, done);
        }
        double cores = cpuTicks / ProcessCpu.TICKS_PER_SECOND / seconds;
        SizeResult size = new SizeResult(sizeMiB, batch.bytes(), batch.certificates(), accepted, rejected, reported, seconds,
                firstReceived, accepted / seconds, heapPeak, heapAverage, heapSamples, cores, reportBytes, failure, jfr);
        BatchBench.say(String.format("%s: %d of %d accepted in %.1f s (%.1f certificates/s), heap peak %.0f MiB%s",
                label(sizeMiB), accepted, batch.certificates(), seconds, size.certificatesPerSecond(), heapPeak,
                jfr == null ? "" : String.format(", after GC at most %.0f MiB, %d collections", jfr.heapAfterGcMaxMiB(),
                        jfr.collections())));
        return size;
    }

    /** Moves a written file into the drop folder in one step, as the hub expects; the hub never sees it half written. */
    private static String drop(Path file, Path inbox) throws IOException {
        Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        return file.getFileName().toString();
    }

    /**
     * Waits for the file in .done/ (or .failed/) with its result report next to it; Camel moves the file once the route,
     * which writes the report, has ended.
     */
    private Path awaitResult(ChildJvm hub, String name, Path inbox) throws InterruptedException {
        long end = System.nanoTime() + options.batchTimeout().toNanos();
        long failedSince = -1;
        while (System.nanoTime() < end) {
            for (String disposition : List.of(".done", ".failed")) {
                Path moved = inbox.resolve(disposition).resolve(name);
                Path result = inbox.resolve(disposition).resolve(name + ".result.json");
                if (Files.exists(moved) && Files.exists(result)) {
                    return result;
                }
            }
            // moved to .failed/ with no report: the route failed (a failure to process, not a rejection)
            if (Files.exists(inbox.resolve(".failed").resolve(name))) {
                failedSince = failedSince < 0 ? System.nanoTime() : failedSince;
                if (System.nanoTime() - failedSince > Duration.ofSeconds(5).toNanos()) {
                    throw new IllegalStateException(name + " moved to .failed/ without a result report: see the hub's log");
                }
            }
            if (!hub.alive()) {
                throw new IllegalStateException("the hub exited before " + name + " was processed (out of memory?)");
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(name + " not processed within " + options.batchTimeout().toSeconds() + " s");
    }

    /** When the hub recorded the certificate's RECEIVED event (its own clock, the same machine's). */
    private static Optional<Instant> received(HubApi api, String certificateId) {
        try {
            return api.certificate(certificateId).flatMap(status -> {
                for (JsonNode event : status.path("events")) {
                    if ("RECEIVED".equals(event.path("event").asText())) {
                        return Optional.of(Instant.parse(event.path("time").asText()));
                    }
                }
                return Optional.empty();
            });
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** JFR.dump through jcmd: the hub is killed afterwards (its deliveries hang on the partner), so it cannot dump on exit. */
    private static void dump(ChildJvm hub, Path recording) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String output = ExternalCommand.run(List.of(jcmd.toString(), Long.toString(hub.pid()), "JFR.dump", "name=batch",
                "filename=" + recording.toAbsolutePath()));
        if (!Files.exists(recording)) {
            throw new IOException("jcmd JFR.dump wrote no recording: " + output);
        }
    }

    private List<String> jvmArgs(Path recording) {
        List<String> args = new ArrayList<>(options.jvmArgs());
        if (options.jfr()) {
            // settings=default: GC, heap summaries and CPU samples every 20 ms, about 1 % overhead
            args.add("-XX:StartFlightRecording=name=batch,settings=default,maxsize=2g,filename="
                    + recording.toAbsolutePath());
        }
        return args;
    }

    private List<String> launch(int port, Path data, int partnerPort) {
        return List.of("-jar", options.hubJar().toAbsolutePath().toString(),
                "--server.port=" + port,
                "--originhub.hub.name=batch",
                "--originhub.hub.agency=KCS",
                "--originhub.hub.countries=KR",
                "--originhub.data-dir=" + data.toAbsolutePath(),
                "--originhub.partners-location=" + folder("partners"),
                "--originhub.sources-location=" + folder("sources"),
                "--originhub.blocks-location=" + folder("blocks"),
                "--originhub.sftp.embedded.enabled=false",
                "--bench.partner-endpoint=http://127.0.0.1:" + partnerPort + "/api/v1/exchange",
                // deliveries wait an hour for the partner's answer, instead of failing and being retried meanwhile
                "--originhub.delivery.response-timeout=3600000");
    }

    private String folder(String name) {
        String uri = options.hubConfig().toAbsolutePath().resolve(name).toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    static String label(double sizeMiB) {
        return (sizeMiB == Math.rint(sizeMiB) ? String.valueOf((long) sizeMiB) : String.valueOf(sizeMiB)) + "MiB";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

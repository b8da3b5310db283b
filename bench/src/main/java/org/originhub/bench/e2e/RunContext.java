package org.originhub.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** What every phase of one run shares: the options, one HTTP client, one clock, the run's folder and id tag. */
final class RunContext {

    final E2eOptions options;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final Clock clock = new Clock();
    /** In every certificate id of the run (Documents), so that no id of an earlier run comes back. */
    final String tag;
    final Path dir;
    /** With --profile=true: where each measured JVM's time went, per phase (Profiler). */
    final java.util.List<ProfileSummary.Summary> profiles = new java.util.ArrayList<>();
    /** The hubs' database (H2 files, or a PostgreSQL cluster started for the run). */
    final BenchDatabase database;

    RunContext(E2eOptions options, String stamp) throws IOException, InterruptedException {
        this.options = options;
        this.tag = org.originhub.bench.ResultFiles.runTag();
        this.dir = Files.createDirectories(options.workDir().resolve(stamp)).toAbsolutePath();
        this.database = BenchDatabase.of(options.database(), dir.resolve("data").resolve("postgres"));
    }

    /** What a phase's meter measures: its JVMs, and the database server's processes when it has its own. */
    java.util.List<ResourceMeter.Target> measured(java.util.List<ResourceMeter.Target> jvms) {
        java.util.List<ResourceMeter.Target> all = new java.util.ArrayList<>(jvms);
        all.addAll(database.meterTargets());
        return all;
    }

    /**
     * The JVM arguments of each hub and of the reference. With --profile=true, JFR records from the start: starting a
     * recording in a running JVM (jcmd JFR.start) made it recompile tens of thousands of methods during the very window
     * it was meant to observe, so the recording starts with the JVM and the window is cut out of it (Profiler).
     */
    java.util.List<String> jvmArgs() {
        if (!options.profile()) {
            return options.jvmArgs();
        }
        java.util.List<String> args = new java.util.ArrayList<>(options.jvmArgs());
        // 256 frames, not JFR's 64: a route run inside the web server's filter chain is deeper than 64, and the
        // stages are told apart by the hub's frames near the bottom of a sample (ProfileSummary)
        args.add("-XX:FlightRecorderOptions=stackdepth=256");
        args.add("-XX:StartFlightRecording=name=" + Profiler.RECORDING + ",settings=profile");
        return args;
    }

    /** What a phase measures over its window: CPU and heap, and with --profile=true a JFR profile of each JVM. */
    Window meter(String phase, ResourceMeter meter, java.util.List<ResourceMeter.Target> targets) {
        return options.profile() ? Window.all(meter, new Profiler(this, phase, targets)) : meter;
    }

    /**
     * Closed-loop load of --clients on one JVM: {@code warmup} of load, then a measured window of {@code measure}, or
     * none when it is zero (a warm-up alone).
     */
    LoadRun load(String name, Ingest ingest, Documents documents, Duration warmup, Duration measure, Window window)
            throws InterruptedException {
        say(name + ": " + options.clients() + " clients, " + (measure.isZero() ? warmup.toSeconds() + " s warm-up"
                : warmup.toSeconds() + " s of load + " + measure.toSeconds() + " s measured"));
        return ClosedLoop.run(ingest, documents, options.clients(), warmup, measure, window);
    }

    /** A fresh data directory for one JVM of one phase. */
    Path data(String name) throws IOException {
        return Files.createDirectories(dir.resolve("data").resolve(name));
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Progress on stderr, so that stdout holds only the report. */
    static void say(String message) {
        System.err.println("[e2e " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}

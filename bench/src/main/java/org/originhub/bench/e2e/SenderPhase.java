package org.originhub.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sending hub alone, from HTTP ingest to its durable delivery queue: the hub's answer 202 comes once the
 * certificate's row is committed and its signed envelope is on the persistent queue. Its partner never answers
 * ({@link BlackHole}), so the hub's deliveries take nothing; the queue is consumed instead by a {@link QueueDrain}
 * over the hub's TCP acceptor, with the reference's consumers. Same clients and documents (formd-xml) as the
 * reference. Started once, measured in one window ({@link #run}) or in several, alternating with the reference
 * ({@link AlternatingPhases}).
 */
final class SenderPhase implements AutoCloseable {

    /** The formd-xml documents' partner (VN) and its delivery queue on the sending hub. */
    private static final String DELIVERY_QUEUE = "originhub.delivery.vn";

    private final RunContext run;
    private final int port;
    private final BlackHole partner;
    private final ChildJvm th;
    private final QueueDrain drain;
    private final Path paging;
    private final List<ResourceMeter.Target> jvms;
    /** One sequence of certificate ids for every window: the hub answers an id it has seen as a duplicate. */
    private final Documents documents;
    private final MeasuredWindows windows = new MeasuredWindows();
    /** The most page files TH's broker had after a window: 0 unless the drain fell behind. */
    private long mostPageFiles;

    private SenderPhase(RunContext run, int port, BlackHole partner, ChildJvm th, QueueDrain drain, Path data,
            HubApi api) {
        this.run = run;
        this.port = port;
        this.partner = partner;
        this.th = th;
        this.drain = drain;
        this.paging = data.resolve("artemis/paging");
        this.jvms = List.of(new ResourceMeter.Target("th", th.pid(), api::heapUsed));
        this.documents = new Documents(Map.of("formd-xml", 1), run.tag);
    }

    /** The phase on its own: warm-up and one measured window. */
    static PhaseResult run(RunContext run, BenchHubs hubs) throws IOException, InterruptedException {
        try (SenderPhase sender = start(run, hubs)) {
            sender.window(run.options.warmup(), run.options.measure());
            return sender.result();
        }
    }

    static SenderPhase start(RunContext run, BenchHubs hubs) throws IOException, InterruptedException {
        int port = RunContext.freePort();
        String broker = "tcp://127.0.0.1:" + RunContext.freePort();
        Path data = run.data("sender-th");
        BlackHole partner = new BlackHole();
        ChildJvm th = null;
        try {
            // deliveries wait an hour for the partner's answer, instead of failing and being retried meanwhile
            List<String> launch = hubs.th(port, data, BenchHubs.exchange(partner.port()),
                    List.of("--originhub.delivery.response-timeout=3600000",
                            "--originhub.broker.acceptor-url=" + broker));
            RunContext.say("sender: starting TH with a partner that never answers (log " + run.log("sender-th") + ")");
            th = ChildJvm.start("th", run.jvmArgs(), launch, run.log("sender-th"));
            th.awaitReady(BenchHubs.readiness(port), run.options.startTimeout());
            QueueDrain drain = new QueueDrain(broker, DELIVERY_QUEUE, run.options.consumers());
            return new SenderPhase(run, port, partner, th, drain, data, new HubApi(port).login());
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (th != null) {
                th.kill();
            }
            partner.close();
            throw e;
        }
    }

    /** Closed-loop load for {@code warmup}, then one measured window; answers the window's rate. */
    double window(Duration warmup, Duration measure) throws InterruptedException {
        ResourceMeter meter = new ResourceMeter(run.measured(jvms));
        LoadRun load = run.load("sender", Ingest.hub(run.http, port), documents, warmup, measure,
                run.meter("sender", meter, jvms));
        long pages = pageFiles();
        mostPageFiles = Math.max(mostPageFiles, pages);
        RunContext.say("sender: " + drain.drained() + " certificates drained from " + DELIVERY_QUEUE + "; "
                + pages + " page files");
        return windows.add(load, meter.uses());
    }

    /** Load without a measured window: the JIT and the pools warm up. */
    void warm(Duration warmup) throws InterruptedException {
        run.load("sender", Ingest.hub(run.http, port), documents, warmup, Duration.ZERO, new Window() { });
    }

    PhaseResult result() {
        return new PhaseResult("sender", "sending hub alone: HTTP ingest → durable delivery queue, signed"
                + " (formd-xml; partner not answering, queue drained by the driver: " + drain.drained()
                + " certificates; TH's page files after a window: at most " + mostPageFiles + ")", windows.load(),
                windows.seconds(), windows.documents(), windows.errors(), windows.acceptedPerSecond(),
                windows.answers(), null, null, null, null, null, null, null, null, windows.uses());
    }

    /**
     * The broker's page files: none while the drain keeps up (the queue's messages stay in memory). The broker makes
     * its paging folder only when it first pages; its journal must be there, or this would count in the wrong place
     * and report 0 whatever the broker did.
     */
    private long pageFiles() {
        if (!Files.isDirectory(paging.resolveSibling("journal"))) {
            throw new IllegalStateException("no broker journal next to " + paging + ": the hub's data layout changed");
        }
        if (!Files.exists(paging)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(paging)) {
            return files.filter(file -> file.toString().endsWith(".page")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the page files under " + paging, e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            drain.close();
        } finally {
            try {
                th.kill();
            } finally {
                partner.close();
            }
        }
    }
}

package org.originhub.bench.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sending hub alone, from HTTP ingest to its durable delivery queue: the hub's answer 202 comes once the
 * certificate's row is committed and its signed envelope is on the persistent queue. Its partner never answers
 * ({@link BlackHole}), so the queue only fills. Same clients and documents (formd-xml) as the reference. Started once,
 * measured in one window ({@link #run}) or in several, alternating with the reference ({@link AlternatingPhases}).
 */
final class SenderPhase implements AutoCloseable {

    private final RunContext run;
    private final int port;
    private final BlackHole partner;
    private final ChildJvm th;
    private final List<ResourceMeter.Target> jvms;
    /** One sequence of certificate ids for every window: the hub answers an id it has seen as a duplicate. */
    private final Documents documents;
    private final MeasuredWindows windows = new MeasuredWindows();

    private SenderPhase(RunContext run, int port, BlackHole partner, ChildJvm th, HubApi api) {
        this.run = run;
        this.port = port;
        this.partner = partner;
        this.th = th;
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
        BlackHole partner = new BlackHole();
        ChildJvm th = null;
        try {
            // deliveries wait an hour for the partner's answer, instead of failing and being retried meanwhile
            List<String> launch = hubs.th(port, run.data("sender-th"), BenchHubs.exchange(partner.port()),
                    List.of("--originhub.delivery.response-timeout=3600000"));
            RunContext.say("sender: starting TH with a partner that never answers (log " + run.log("sender-th") + ")");
            th = ChildJvm.start("th", run.jvmArgs(), launch, run.log("sender-th"));
            th.awaitReady(BenchHubs.readiness(port), run.options.startTimeout());
            return new SenderPhase(run, port, partner, th, new HubApi(port).login());
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
        return windows.add(load, meter.uses());
    }

    /** Load without a measured window: the JIT and the pools warm up. */
    void warm(Duration warmup) throws InterruptedException {
        run.load("sender", Ingest.hub(run.http, port), documents, warmup, Duration.ZERO, new Window() { });
    }

    PhaseResult result() {
        return new PhaseResult("sender", "sending hub alone: HTTP ingest → durable delivery queue, signed"
                + " (formd-xml; partner not answering)", windows.load(), windows.seconds(), windows.documents(),
                windows.errors(), windows.acceptedPerSecond(), windows.answers(), null, null, null, null, null, null,
                null, null, windows.uses());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            th.kill();
        } finally {
            partner.close();
        }
    }
}

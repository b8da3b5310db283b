package org.originhub.bench.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The sending hub alone, from HTTP ingest to its durable delivery queue: the hub's answer 202 comes once the
 * certificate's row is committed and its signed envelope is on the persistent queue. Its partner never answers
 * ({@link BlackHole}), so the queue only fills. Same clients and documents (formd-xml) as the reference.
 */
final class SenderPhase {

    private final RunContext run;
    private final BenchHubs hubs;

    SenderPhase(RunContext run, BenchHubs hubs) {
        this.run = run;
        this.hubs = hubs;
    }

    PhaseResult run() throws IOException, InterruptedException {
        E2eOptions options = run.options;
        int port = RunContext.freePort();
        try (BlackHole partner = new BlackHole()) {
            // deliveries wait an hour for the partner's answer, instead of failing and being retried meanwhile
            List<String> launch = hubs.th(port, run.data("sender-th"), BenchHubs.exchange(partner.port()),
                    List.of("--originhub.delivery.response-timeout=3600000"));
            RunContext.say("sender: starting TH with a partner that never answers (log " + run.log("sender-th") + ")");
            ChildJvm th = ChildJvm.start("th", run.jvmArgs(), launch, run.log("sender-th"));
            try {
                th.awaitReady(BenchHubs.readiness(port), options.startTimeout());
                HubApi api = new HubApi(port).login();
                List<ResourceMeter.Target> jvms = List.of(new ResourceMeter.Target("th", th.pid(), api::heapUsed));
                ResourceMeter meter = new ResourceMeter(run.measured(jvms));
                RunContext.say("sender: " + options.clients() + " clients, " + options.warmup().toSeconds()
                        + " s warm-up + " + options.measure().toSeconds() + " s measured");
                LoadRun load = ClosedLoop.run(Ingest.hub(run.http, port), new Documents(Map.of("formd-xml", 1), run.tag),
                        options.clients(), options.warmup(), options.measure(),
                        run.meter("sender", meter, jvms));
                return new PhaseResult("sender", "sending hub alone: HTTP ingest → durable delivery queue, signed"
                        + " (formd-xml; partner not answering)", load.clients() + " clients", load.windowSeconds(),
                        load.measured().size(), load.measuredErrors(), load.acceptedPerSecond(), load.answerLatency(),
                        null, null, null, null, null, null, null, meter.uses());
            } finally {
                th.kill();
            }
        }
    }
}

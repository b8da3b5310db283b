package org.originhub.bench.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * TH and VN, signed and persistent, with the mix of the three formats: first closed loop (the sustained rate), then
 * open loop at a fixed arrival rate (by default half the sustained rate) on the same, warm, hubs.
 */
final class TwoHubPhases {

    private final RunContext run;
    private final BenchHubs hubs;

    TwoHubPhases(RunContext run, BenchHubs hubs) {
        this.run = run;
        this.hubs = hubs;
    }

    /** Adds each phase's result to {@code results} as soon as it has one, so a failing open loop keeps the e2e figures. */
    void run(boolean closed, boolean open, List<PhaseResult> results) throws IOException, InterruptedException {
        E2eOptions options = run.options;
        int thPort = RunContext.freePort();
        int vnPort = RunContext.freePort();
        RunContext.say("two hubs: starting VN and TH together (logs " + run.log("vn") + ", " + run.log("th") + ")");
        ChildJvm vn = ChildJvm.start("vn", run.jvmArgs(), hubs.vn(vnPort, run.data("vn"), BenchHubs.exchange(thPort)),
                run.log("vn"));
        ChildJvm th = ChildJvm.start("th", run.jvmArgs(),
                hubs.th(thPort, run.data("th"), BenchHubs.exchange(vnPort), List.of()), run.log("th"));
        try {
            vn.awaitReady(BenchHubs.readiness(vnPort), options.startTimeout());
            th.awaitReady(BenchHubs.readiness(thPort), options.startTimeout());
            HubApi thApi = new HubApi(thPort).login();
            HubApi vnApi = new HubApi(vnPort).login();
            List<ResourceMeter.Target> targets = List.of(new ResourceMeter.Target("th", th.pid(), thApi::heapUsed),
                    new ResourceMeter.Target("vn", vn.pid(), vnApi::heapUsed));
            Documents documents = new Documents(options.mix(), run.tag);
            Ingest ingest = Ingest.hub(run.http, thPort);
            Double sustained = null;
            if (closed) {
                RunContext.say("e2e: " + options.clients() + " clients, " + options.warmup().toSeconds() + " s warm-up + "
                        + options.measure().toSeconds() + " s measured, mix " + options.mix());
                ResourceMeter meter = new ResourceMeter(run.measured(targets));
                NationalOutbox outbox = new NationalOutbox(run.data("vn").resolve(NationalOutbox.FOLDER));
                LoadRun load = ClosedLoop.run(ingest, documents, options.clients(), options.warmup(), options.measure(),
                        Window.all(run.meter("e2e", meter, targets), outbox));
                PhaseResult result = settle("e2e", "two hubs TH → VN, signed, persistent, ACK back to TH (mix of "
                        + options.mix().keySet() + ")", load.clients() + " clients", load, meter, outbox, thApi, false);
                sustained = result.sustainedPerSecond();
                results.add(result);
            }
            if (open) {
                double rate = options.rate() > 0 ? options.rate() : sustained == null ? 0 : options.rateFactor() * sustained;
                if (rate <= 0) {
                    throw new IllegalStateException("the open loop needs --rate, or the e2e phase before it");
                }
                double requests = rate / documents.certificatesPerDocument();
                RunContext.say(String.format("open: %.1f certificates/s (%.1f requests/s), %d s warm-up + %d s measured",
                        rate, requests, options.openWarmup().toSeconds(), options.measure().toSeconds()));
                ResourceMeter meter = new ResourceMeter(run.measured(targets));
                NationalOutbox outbox = new NationalOutbox(run.data("vn").resolve(NationalOutbox.FOLDER));
                LoadRun load = OpenLoop.run(ingest, documents, requests, options.openWarmup(), options.measure(),
                        options.maxOutstanding(), Window.all(run.meter("open", meter, targets), outbox));
                results.add(settle("open", "two hubs, open loop at a fixed arrival rate"
                        + (options.rate() > 0 ? "" : " (" + options.rateFactor() + " × the sustained rate)"),
                        String.format("%.1f certificates/s", rate), load, meter, outbox, thApi, true));
            }
        } finally {
            th.stop();
            vn.stop();
        }
    }

    /** Waits for the last ACKs, reads every certificate's times on TH and turns them into the phase's figures. */
    private PhaseResult settle(String name, String description, String offered, LoadRun load, ResourceMeter meter,
            NationalOutbox outbox, HubApi th, boolean open) throws IOException, InterruptedException {
        List<String> accepted = Deliveries.accepted(load);
        List<String> last = accepted.subList(Math.max(0, accepted.size() - 12), accepted.size());
        double waited = new AckTimes(th).awaitSettled(last, run.options.drainTimeout().toMillis());
        RunContext.say(String.format("%s: last ACKs after %.1f s; reading %d certificates' audit times on TH", name, waited,
                accepted.size()));
        Map<String, AckTimes.Times> times = new AckTimes(th).read(accepted);
        Deliveries deliveries = new Deliveries(load, times, run.clock);
        return new PhaseResult(name, description, offered, load.windowSeconds(), load.measured().size(),
                load.measuredErrors(), load.acceptedPerSecond(), load.answerLatency(), "ACKed",
                deliveries.acknowledgedPerSecond(), deliveries.ingestToAck(), open ? deliveries.dueToAck() : null,
                deliveries.ingestToAckByFormat(), deliveries.unacknowledged(), deliveries.backlogAtWindowEnd(),
                outbox.perSecond(), meter.uses());
    }
}

package org.originhub.bench.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference and the sending hub alone, both started and warmed once, then measured in turns (--rounds): round 1
 * the reference then the hub, round 2 the hub then the reference, and so on, each window after a few seconds of load
 * (--settle). Why: this machine's speed drifts by tens of per cent within minutes, and the two phases one after the
 * other, each with minutes of warm-up, put that drift into their ratio. Windows a minute apart, in an order that
 * swaps every round, leave much less of it. The JVM not under load waits idle; its CPU, if any, shows as "others".
 */
final class AlternatingPhases {

    /** One round: the two windows' rates, in the order they ran. */
    record Round(int round, boolean referenceFirst, double referencePerSecond, double senderPerSecond) {

        double ratio() {
            return senderPerSecond / referencePerSecond;
        }
    }

    /** The two phases' results over all their windows, and each round's figures. */
    record Outcome(List<PhaseResult> phases, List<Round> rounds) {
    }

    private AlternatingPhases() {
    }

    static Outcome run(RunContext run, BenchHubs hubs) throws IOException, InterruptedException {
        E2eOptions options = run.options;
        Duration settle = options.settle();
        try (ReferencePhase reference = ReferencePhase.start(run); SenderPhase sender = SenderPhase.start(run, hubs)) {
            reference.warm(options.warmup());
            sender.warm(options.warmup());
            List<Round> rounds = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                boolean referenceFirst = round % 2 == 1;
                double referenceRate;
                double senderRate;
                if (referenceFirst) {
                    referenceRate = reference.window(settle, options.measure());
                    senderRate = sender.window(settle, options.measure());
                } else {
                    senderRate = sender.window(settle, options.measure());
                    referenceRate = reference.window(settle, options.measure());
                }
                Round done = new Round(round, referenceFirst, referenceRate, senderRate);
                rounds.add(done);
                RunContext.say(String.format("round %d of %d: sender %.1f / reference %.1f = %.1f %%", round,
                        options.rounds(), senderRate, referenceRate, done.ratio() * 100));
            }
            return new Outcome(List.of(reference.result(), sender.result()), rounds);
        }
    }
}

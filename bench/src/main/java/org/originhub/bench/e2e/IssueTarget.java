package org.originhub.bench.e2e;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The targets of issue #6, reported against the run's figures and never asserted: the machine is shared. */
record IssueTarget(String target, String measured, Boolean met) {

    /**
     * The issue's two figures for one machine: the plain Camel reference at about 600 messages/s (its floors) and two
     * hubs at 200 certificates/s, a third of it. The sessions of this project ran on machines whose speed differed by
     * three to four times, so two hubs against the reference measured in the same run read alike on any of them
     * (14–19 % on two machines, docs/performance.md), where an absolute rate mostly reads the machine.
     */
    static final double ISSUE_REFERENCE_FLOOR = 600;
    static final double ISSUE_TWO_HUBS = 200;
    /** The sending hub alone against the reference of the same run. */
    static final double SENDER_SHARE = 0.6;
    /** The files and the ACKs are counted a moment apart: a hand-over within 5 % of the ACKs kept up with them. */
    static final double HAND_OVER_KEPT_UP = 0.95;

    /** The receiving hub's hand-over, when it was slower than the ACKs: then it is what two hubs sustained. */
    private static String handOver(PhaseResult e2e) {
        Double handedOver = e2e.handedOverPerSecond();
        if (handedOver == null || handedOver >= HAND_OVER_KEPT_UP * e2e.deliveredPerSecond()) {
            return "";
        }
        return String.format("; VN handed only %.1f/s to its national system, so that is what two hubs sustained",
                handedOver);
    }

    static List<IssueTarget> evaluate(List<PhaseResult> phases, List<AlternatingPhases.Round> rounds,
            E2eOptions options) {
        Map<String, PhaseResult> by = phases.stream().collect(Collectors.toMap(PhaseResult::name, Function.identity()));
        List<IssueTarget> targets = new ArrayList<>();
        PhaseResult e2e = by.get("e2e");
        if (e2e != null) {
            targets.add(new IssueTarget(String.format("end to end through two hubs, signed and persistent: ≥ %.0f"
                    + " certificates/s sustained", ISSUE_TWO_HUBS),
                    String.format("%.1f ACKed/s (backlog at window end %d)%s", e2e.deliveredPerSecond(), e2e.backlog(),
                            handOver(e2e)),
                    e2e.sustainedPerSecond() >= ISSUE_TWO_HUBS));
        }
        PhaseResult reference = by.get("reference");
        if (e2e != null && reference != null && reference.ingestPerSecond() > 0) {
            double share = e2e.sustainedPerSecond() / reference.ingestPerSecond();
            double asked = ISSUE_TWO_HUBS / ISSUE_REFERENCE_FLOOR;
            // an indication, not the target: the issue asks 200/s on its machine, not a share
            targets.add(new IssueTarget(String.format("two hubs against the plain Camel reference of the same run "
                    + "(indication: the issue's 200/s is %.0f %% of the %.0f/s its floors give the reference)",
                    asked * 100, ISSUE_REFERENCE_FLOOR),
                    String.format("%.1f / %.1f certificates/s = %.0f %%; at the issue's share, this machine's reference "
                            + "asks %.0f/s of two hubs", e2e.sustainedPerSecond(), reference.ingestPerSecond(),
                            share * 100, reference.ingestPerSecond() * asked), null));
        }
        PhaseResult open = by.get("open");
        if (open != null && open.delivery().count() > 0) {
            boolean half = options.rate() <= 0 && options.rateFactor() == 0.5;
            targets.add(new IssueTarget("p99 < 100 ms at half of the sustained rate (open loop, ingest → ACK on TH)",
                    String.format("p99 %.1f ms at %s%s; from the due time p99 %.1f ms", open.delivery().p99(), open.load(),
                            half ? "" : " (not half the sustained rate: see --rate)", open.fromDueTime().p99()),
                    half ? open.delivery().p99() < 100 : null));
        }
        PhaseResult sender = by.get("sender");
        if (sender != null && reference != null && reference.ingestPerSecond() > 0) {
            double ratio = sender.ingestPerSecond() / reference.ingestPerSecond();
            targets.add(new IssueTarget("sending hub alone, HTTP ingest → durable queue: ≥ 60 % of the plain Camel reference",
                    String.format("%.1f / %.1f certificates/s = %.0f %%%s", sender.ingestPerSecond(),
                            reference.ingestPerSecond(), ratio * 100, spread(rounds)), ratio >= SENDER_SHARE));
        }
        return targets;
    }

    /** With alternating rounds: how far the rounds' own ratios spread, and how many were at 60 % or more. */
    private static String spread(List<AlternatingPhases.Round> rounds) {
        if (rounds.isEmpty()) {
            return "";
        }
        DoubleSummaryStatistics ratios = rounds.stream().mapToDouble(AlternatingPhases.Round::ratio).summaryStatistics();
        long atTarget = rounds.stream().filter(r -> r.ratio() >= SENDER_SHARE).count();
        // one decimal: a round at 59.8 % must not read as "60" next to a count of the rounds at 60 % or more
        return String.format(" over %d rounds; the rounds %.1f–%.1f %%, %d of %d at 60 %% or more", rounds.size(),
                ratios.getMin() * 100, ratios.getMax() * 100, atTarget, rounds.size());
    }
}

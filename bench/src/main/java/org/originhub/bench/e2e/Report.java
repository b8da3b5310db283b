package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The run's figures as a markdown table (stdout, and a .md file) and as JSON, both under bench/results/. */
final class Report {

    /** The JIT compilers' share of a JVM's CPU from which a window counts as warm-up (warm hubs: about 3 %). */
    static final double STILL_COMPILING = 0.10;

    private final Map<String, Object> environment;
    private final E2eOptions options;
    private final List<PhaseResult> phases;
    private final List<IssueTarget> targets;
    private final List<AlternatingPhases.Round> rounds;
    private final List<ProfileSummary.Summary> profiles;

    Report(Map<String, Object> environment, E2eOptions options, List<PhaseResult> phases,
            List<AlternatingPhases.Round> rounds, List<ProfileSummary.Summary> profiles) {
        this.profiles = profiles;
        this.environment = environment;
        this.options = options;
        this.phases = phases;
        this.rounds = rounds;
        this.targets = IssueTarget.evaluate(phases, rounds, options);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## OriginHub end to end, ").append(environment.get("started")).append("\n\n");
        md.append(String.format("commit %s, hub jar %s, database %s, %s CPUs, load average before %s, after %s, Java %s. Each phase:"
                        + " %d s warm-up (open loop %d s), %d s measured; each hub and the reference: %s.%n%n",
                environment.get("commit"), environment.get("hubJar"), environment.get("database"), environment.get("cpus"), environment.get("loadBefore"),
                environment.get("loadAfter"), environment.get("java"), options.warmup().toSeconds(),
                options.openWarmup().toSeconds(), options.measure().toSeconds(), String.join(" ", options.jvmArgs())));
        if (options.rounds() > 0) {
            md.append(String.format("The reference and the sender alone: each warmed up once (%d s), then measured in"
                    + " turns, %d rounds of one %d s window each, every window after %d s of load; their rows below are"
                    + " over all their windows.%n%n", options.warmup().toSeconds(), options.rounds(),
                    options.measure().toSeconds(), options.settle().toSeconds()));
        }
        md.append("| phase | load | ingest cert/s | delivered cert/s | HTTP answer ms p50 / p95 / p99 / max"
                + " | ingest → delivered ms p50 / p95 / p99 / max | errors |\n");
        md.append("|---|---|---:|---:|---|---|---:|\n");
        for (PhaseResult p : phases) {
            md.append(String.format("| %s | %s | %.1f | %s | %s | %s | %d |%n", p.name(), p.load(), p.ingestPerSecond(),
                    p.deliveredPerSecond() == null ? "–" : String.format("%.1f %s", p.deliveredPerSecond(),
                            p.deliveredLabel()), p.answer().row(), p.delivery() == null ? "–" : p.delivery().row(),
                    p.errors()));
        }
        md.append('\n');
        for (PhaseResult p : phases) {
            md.append("- **").append(p.name()).append("**: ").append(p.description());
            if (p.fromDueTime() != null) {
                md.append("; from the due time to the ACK ").append(p.fromDueTime().row()).append(" ms");
            }
            if (p.byFormat() != null) {
                p.byFormat().forEach((format, latency) -> md.append("; ").append(format).append(" ")
                        .append(latency.row()).append(" ms"));
            }
            if (p.handedOverPerSecond() != null) {
                md.append(String.format("; VN handed %.1f certificates/s to its national system in the window",
                        p.handedOverPerSecond()));
            }
            if (p.backlog() != null) {
                md.append(String.format("; backlog at window end %d, unacknowledged after draining %d", p.backlog(),
                        p.undelivered()));
            }
            md.append('\n');
        }
        if (!rounds.isEmpty()) {
            md.append("\nRound by round (certificates accepted per second in each window):\n\n"
                    + "| round | order | reference | sender | sender / reference |\n|---:|---|---:|---:|---:|\n");
            for (AlternatingPhases.Round r : rounds) {
                md.append(String.format("| %d | %s | %.1f | %.1f | %.1f %% |%n", r.round(),
                        r.referenceFirst() ? "reference, sender" : "sender, reference", r.referencePerSecond(),
                        r.senderPerSecond(), r.ratio() * 100));
            }
        }
        md.append("\nCPU in cores (average over the window; 1.0 = one core busy), the part of it the JIT compiler"
                + " threads took and the part in the kernel (system time), context switches per second (of the"
                + " process's threads alive at the window's ends; the machine's from /proc/stat), and heap used in MiB"
                + " (peak / average of 1 s samples):\n\n| phase | JVM | CPU cores | of it JIT compilers | of it kernel"
                + " | context switches/s | heap peak | heap avg |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (PhaseResult p : phases) {
            p.resources().forEach(use -> md.append(resourceRow(p.name(), use)));
        }
        for (PhaseResult p : phases) {
            stillCompiling(p.name(), p.resources()).ifPresent(note -> md.append('\n').append(note).append('\n'));
        }
        md.append("\nTargets (reported, not asserted):\n\n| target | measured | met |\n|---|---|---|\n");
        for (IssueTarget t : targets) {
            md.append(String.format("| %s | %s | %s |%n", t.target(), t.measured(),
                    t.met() == null ? "n/a" : t.met() ? "yes" : "no"));
        }
        if (!profiles.isEmpty()) {
            md.append("\nWhere the time goes (JFR over each measured window; a sample counts in the first stage found"
                    + " on its stack, in the order of ProfileSummary):\n\n");
            profiles.forEach(p -> md.append(p.markdown()).append('\n'));
        }
        return md.toString();
    }

    void write(Path json, Path markdown) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("environment", environment);
        document.put("options", options(options));
        document.put("phases", phases);
        document.put("rounds", rounds);
        document.put("targets", targets);
        document.put("profiles", profiles);
        Files.createDirectories(json.getParent());
        org.originhub.bench.ResultFiles.mapper().writeValue(json.toFile(), document);
        Files.writeString(markdown, markdown());
    }

    private static Map<String, Object> options(E2eOptions options) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("phases", options.phases());
        map.put("warmupSeconds", options.warmup().toSeconds());
        map.put("measureSeconds", options.measure().toSeconds());
        map.put("openWarmupSeconds", options.openWarmup().toSeconds());
        map.put("clients", options.clients());
        map.put("rate", options.rate());
        map.put("rateFactor", options.rateFactor());
        map.put("mix", options.mix());
        map.put("jvmArgs", options.jvmArgs());
        map.put("referenceConsumers", options.consumers());
        map.put("rounds", options.rounds());
        map.put("settleSeconds", options.settle().toSeconds());
        return map;
    }

    /**
     * A warning when a JVM's JIT compilers took {@link #STILL_COMPILING} or more of its CPU in the window: the figures
     * are then of a JVM still warming up. HotSpot compiles a method after so many invocations, not after so much time,
     * so at a low rate a hub needs minutes more of warm-up than at a high one.
     */
    static Optional<String> stillCompiling(String phase, List<ResourceMeter.Use> uses) {
        List<String> compiling = uses.stream()
                .filter(use -> !Double.isNaN(use.jitShare()) && use.jitShare() >= STILL_COMPILING)
                .map(use -> String.format("%s %.0f %% (%.2f of its %.2f cores)", use.name(), use.jitShare() * 100,
                        use.jitCores(), use.cpuCores()))
                .toList();
        if (compiling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("**" + phase + ": still compiling.** The JIT compiler threads took " + String.join(", ", compiling)
                + " in the window, so it measured JVMs that were not yet warm. HotSpot compiles a method after a number of"
                + " calls, not after a time: the lower the rate, the longer the `--warmup` it needs.");
    }

    /** One row of the CPU table; "–" for what was not measured (heap of a process that is no JVM, say). */
    static String resourceRow(String phase, ResourceMeter.Use use) {
        return String.format("| %s | %s | %.2f | %s | %s | %s | %s | %s |%n", phase, use.name(), use.cpuCores(),
                orDash(use.jitCores(), "%.2f"), orDash(use.systemCores(), "%.2f"),
                orDash(use.switchesPerSecond(), "%,.0f"), mib(use.heapPeakMiB()), mib(use.heapAverageMiB()));
    }

    private static String mib(double value) {
        return orDash(value, "%.0f");
    }

    private static String orDash(double value, String format) {
        return Double.isNaN(value) ? "–" : String.format(format, value);
    }
}

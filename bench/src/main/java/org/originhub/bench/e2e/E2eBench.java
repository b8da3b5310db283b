package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end load driver of issue #6 (bench/README.md, "End to end"). Phases, each with its own warm-up and
 * measured window, one after the other so that they never share the two cores:
 * <ol>
 * <li>{@code reference}: the plain Camel route, closed loop, formd-xml;</li>
 * <li>{@code sender}: the sending hub alone, ingest to its durable queue, same clients and documents (with
 * {@code --rounds}, these two are measured in turns: {@link AlternatingPhases});</li>
 * <li>{@code e2e}: two hubs, closed loop, the mix of three formats: the sustained ACK rate;</li>
 * <li>{@code open}: the same hubs at a fixed arrival rate, by default half the sustained rate: the latency.</li>
 * </ol>
 * The report goes to stdout and to bench/results/e2e-&lt;time&gt;.{json,md}; progress goes to stderr.
 */
public final class E2eBench {

    private E2eBench() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(E2eOptions.HELP);
            return;
        }
        E2eOptions options = E2eOptions.parse(args);
        String stamp = org.originhub.bench.ResultFiles.stamp();
        RunContext run = new RunContext(options, stamp);
        Map<String, Object> environment = Environment.describe();
        environment.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        environment.put("workDir", run.dir.toString());
        environment.put("hubJar", Environment.jar(options.hubJar()));
        environment.put("database", run.database.describe());

        List<PhaseResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<AlternatingPhases.Round> rounds = new ArrayList<>();
        BenchHubs hubs = new BenchHubs(options.hubsConfig(), options.hubJar(), run.database);
        try {
            if (options.rounds() > 0) {
                attempt("reference and sender, alternating", failures, () -> {
                    AlternatingPhases.Outcome outcome = AlternatingPhases.run(run, hubs);
                    results.addAll(outcome.phases());
                    rounds.addAll(outcome.rounds());
                });
            } else {
                if (options.phases().contains("reference")) {
                    attempt("reference", failures, () -> results.add(ReferencePhase.run(run)));
                }
                if (options.phases().contains("sender")) {
                    attempt("sender", failures, () -> results.add(SenderPhase.run(run, hubs)));
                }
            }
            boolean closed = options.phases().contains("e2e");
            boolean open = options.phases().contains("open");
            if (closed || open) {
                attempt("two hubs", failures, () -> new TwoHubPhases(run, hubs).run(closed, open, results));
            }
        } finally {
            run.database.close();
            if (!options.keepData()) {
                delete(run.dir.resolve("data"));
            }
        }
        environment.put("loadAfter", Environment.loadAverage());
        environment.put("failures", failures);

        Report report = new Report(environment, options, results, rounds, run.profiles);
        String markdown = report.markdown();
        System.out.println(markdown);
        failures.forEach(f -> System.out.println("FAILED: " + f));
        Path json = options.resultsDir().resolve("e2e-" + stamp + ".json");
        report.write(json, options.resultsDir().resolve("e2e-" + stamp + ".md"));
        RunContext.say("results: " + json + " (and .md); logs: " + run.dir);
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    private interface Phase {
        void run() throws Exception;
    }

    /** A phase that fails (a hub that does not start) is reported; the phases after it still run. */
    private static void attempt(String name, List<String> failures, Phase phase) {
        try {
            phase.run();
        } catch (Exception e) {
            RunContext.say(name + " failed: " + e);
            failures.add(name + ": " + e);
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

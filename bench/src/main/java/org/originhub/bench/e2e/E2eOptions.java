package org.originhub.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver's settings, {@code --name=value}; every one has a default that keeps a whole run to a few minutes.
 * Run with {@code --help} for the list.
 */
record E2eOptions(List<String> phases, Duration warmup, Duration measure, int clients, double rate, double rateFactor,
        Duration openWarmup, Map<String, Integer> mix, List<String> jvmArgs, int consumers, Duration drainTimeout,
        Duration startTimeout, int maxOutstanding, String database, Path hubJar, Path hubsConfig, Path workDir, Path resultsDir,
        boolean keepData, boolean profile, int rounds, Duration settle) {

    static final String HELP = """
            bench/run-e2e.sh [--name=value ...]   (or java -cp target/originhub-classes.jar:bench/target/benchmarks.jar \\
                                                    org.originhub.bench.e2e.E2eBench ...)
              --phases=reference,sender,e2e,open  which phases, in this order
              --warmup=30           seconds of load before each measured window (JIT, caches, pools)
              --measure=30          seconds of each measured window
              --clients=4           closed-loop clients (reference, sender alone, two hubs)
              --rate=0              open loop, certificates/s; 0 = rate-factor x the sustained rate of the e2e phase
              --rate-factor=0.5     see --rate
              --open-warmup=10      seconds of open-loop load before its window (the hubs are warm by then)
              --mix=formd-xml:1,kr-csv:1,cl-json:1   documents of each format, in turn, for e2e and open
              --jvm-args="-Xms1g -Xmx1g -XX:+UseParallelGC"   of each hub and of the reference (the Dockerfile's collector)
              --consumers=4         the reference's transacted consumers (the hub's originhub.delivery.concurrent-consumers)
              --drain-timeout=120   seconds to wait after the load for the last ACKs
              --start-timeout=240   seconds a hub may take to become ready
              --max-outstanding=1000  open loop: a request due beyond this many unanswered ones is counted as not sent
              --database=h2         h2: each hub its H2 file (the default); postgres: one throwaway PostgreSQL cluster
                                    (initdb, pg_ctl and psql on the PATH or in PG_BIN), a database per hub
              --hub-jar=target/originhub.jar  --hubs-config=bench/e2e/hubs
              --work-dir=bench/target/e2e     data directories and logs  --results-dir=bench/results
              --keep-data=false     keep the hubs' data directories (journal, H2) after the run
              --profile=false       a JFR profile of each JVM over each measured window, summarised in the report
              --rounds=0            0: the phases one after the other. N > 0: the reference and the sender alone are
                                    started and warmed up once each, then measured in N rounds of one --measure window
                                    each, in turns (reference first in odd rounds, the sender first in even ones), so
                                    that the machine's drift stays out of their ratio; needs both phases, no --profile
              --settle=10           with --rounds: seconds of load before each window, after the other JVM's turn
            """;

    static E2eOptions parse(String[] args) {
        org.originhub.bench.CommandLine v = new org.originhub.bench.CommandLine(args, HELP);
        E2eOptions options = new E2eOptions(v.list("phases", "reference,sender,e2e,open"), v.seconds("warmup", 30),
                v.seconds("measure", 30), v.integer("clients", 4), v.decimal("rate", 0), v.decimal("rate-factor", 0.5),
                v.seconds("open-warmup", 10), mix(v.text("mix", "formd-xml:1,kr-csv:1,cl-json:1")),
                v.words("jvm-args", "-Xms1g -Xmx1g -XX:+UseParallelGC"), v.integer("consumers", 4),
                v.seconds("drain-timeout", 120), v.seconds("start-timeout", 240), v.integer("max-outstanding", 1000), v.text("database", "h2"),
                Path.of(v.text("hub-jar", "target/originhub.jar")), Path.of(v.text("hubs-config", "bench/e2e/hubs")),
                Path.of(v.text("work-dir", "bench/target/e2e")), Path.of(v.text("results-dir", "bench/results")),
                v.flag("keep-data", false), v.flag("profile", false), v.integer("rounds", 0), v.seconds("settle", 10));
        v.requireAllUsed();
        if (options.rounds() > 0 && !(options.phases().contains("reference") && options.phases().contains("sender"))) {
            throw new IllegalArgumentException("--rounds alternates the reference and the sender: name both in --phases");
        }
        if (options.rounds() > 0 && options.profile()) {
            // each window would dump and summarise its own recording under the same name
            throw new IllegalArgumentException("--rounds and --profile do not go together: profile a run without rounds");
        }
        return options;
    }

    private static Map<String, Integer> mix(String text) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split(":");
            mix.put(pair[0], pair.length > 1 ? Integer.parseInt(pair[1]) : 1);
        }
        return mix;
    }
}

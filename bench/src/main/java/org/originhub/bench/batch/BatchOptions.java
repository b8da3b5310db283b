package org.originhub.bench.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The batch driver's settings, {@code --name=value}; {@code --help} lists them. */
record BatchOptions(List<Double> sizesMiB, double warmupMiB, List<String> jvmArgs, boolean jfr, Duration startTimeout,
        Duration batchTimeout, Path hubJar, Path hubConfig, Path workDir, Path resultsDir, boolean keepData) {

    static final String HELP = """
            bench/run-batch.sh [--name=value ...]   (or java -cp bench/target/benchmarks.jar \\
                                                      org.originhub.bench.batch.BatchBench ...)
              --sizes=1,10,100      kr-csv batch files to time, in MiB, each on a fresh hub
              --warmup=1            MiB of batch dropped first on each hub and not timed (JIT, pools); 0: none
              --jvm-args="-Xmx512m -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC"   of the hub (the
                                    Dockerfile's collector; G1, the JVM's default on 2 cores, until 2026-11-30)
              --jfr=true            record the hub with JFR (GC, heap after each collection, CPU samples)
              --start-timeout=240   seconds the hub may take to become ready
              --batch-timeout=7200  seconds one batch may take, from the drop to its result
              --hub-jar=target/originhub.jar  --hub-config=bench/batch/hub
              --work-dir=bench/target/batch   data directories, logs, batch files and recordings
              --results-dir=bench/results     --keep-data=false  keep the hub's data (journal, H2, the files)
            """;

    static BatchOptions parse(String[] args) {
        org.originhub.bench.CommandLine v = new org.originhub.bench.CommandLine(args, HELP);
        BatchOptions options = new BatchOptions(
                v.list("sizes", "1,10,100").stream().map(Double::valueOf).toList(),
                v.decimal("warmup", 1),
                v.words("jvm-args", "-Xmx512m -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC"),
                v.flag("jfr", true),
                v.seconds("start-timeout", 240),
                v.seconds("batch-timeout", 7200),
                Path.of(v.text("hub-jar", "target/originhub.jar")),
                Path.of(v.text("hub-config", "bench/batch/hub")),
                Path.of(v.text("work-dir", "bench/target/batch")),
                Path.of(v.text("results-dir", "bench/results")),
                v.flag("keep-data", false));
        v.requireAllUsed();
        return options;
    }
}

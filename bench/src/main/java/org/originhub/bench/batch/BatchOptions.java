package org.originhub.bench.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The batch driver's settings, {@code --name=value}; {@code --help} lists them. */
record BatchOptions(List<Double> sizesMiB, double warmupMiB, List<String> jvmArgs, boolean jfr, Duration startTimeout,
        Duration batchTimeout, Path hubJar, Path hubConfig, Path workDir, Path resultsDir, boolean keepData) {

    static final String HELP = """
            bench/run-batch.sh [--name=value ...]   (or java -cp bench/target/benchmarks.jar \\
                                                      org.originhub.bench.batch.BatchBench ...)
              --sizes=1,10,100      kr-csv batch files to time, in MiB, each on a fresh hub
              --warmup=1            MiB of batch dropped first on each hub and not timed (JIT, pools); 0: none
              --jvm-args="-Xmx512m -XX:+ExitOnOutOfMemoryError"   of the hub
              --jfr=true            record the hub with JFR (GC, heap after each collection, CPU samples)
              --start-timeout=240   seconds the hub may take to become ready
              --batch-timeout=7200  seconds one batch may take, from the drop to its result
              --hub-jar=target/originhub.jar  --hub-config=bench/batch/hub
              --work-dir=bench/target/batch   data directories, logs, batch files and recordings
              --results-dir=bench/results     --keep-data=false  keep the hub's data (journal, H2, the files)
            """;

    static BatchOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg + "\n" + HELP);
            }
            given.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        Set<String> used = new HashSet<>();
        java.util.function.BiFunction<String, String, String> value = (name, fallback) -> {
            used.add(name);
            return given.getOrDefault(name, fallback);
        };
        BatchOptions options = new BatchOptions(
                Arrays.stream(value.apply("sizes", "1,10,100").split(",")).map(String::trim).map(Double::valueOf).toList(),
                Double.parseDouble(value.apply("warmup", "1")),
                Arrays.asList(value.apply("jvm-args", "-Xmx512m -XX:+ExitOnOutOfMemoryError").trim().split("\\s+")),
                Boolean.parseBoolean(value.apply("jfr", "true")),
                Duration.ofSeconds(Long.parseLong(value.apply("start-timeout", "240"))),
                Duration.ofSeconds(Long.parseLong(value.apply("batch-timeout", "7200"))),
                Path.of(value.apply("hub-jar", "target/originhub.jar")),
                Path.of(value.apply("hub-config", "bench/batch/hub")),
                Path.of(value.apply("work-dir", "bench/target/batch")),
                Path.of(value.apply("results-dir", "bench/results")),
                Boolean.parseBoolean(value.apply("keep-data", "false")));
        List<String> unknown = given.keySet().stream().filter(name -> !used.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown + "\n" + HELP);
        }
        return options;
    }
}

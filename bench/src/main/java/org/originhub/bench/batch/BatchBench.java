package org.originhub.bench.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.originhub.bench.e2e.Environment;

/**
 * Size scaling of batch files (issue #6, bench/README.md "Batch files"): kr-csv files of 1, 10 and 100 MiB, each
 * dropped into the file-drop folder of a fresh hub limited to a 512 MiB heap, timed from the drop to the result
 * report, with the hub's heap and collections. The targets: the 100 MiB file processed within the heap, and its time
 * no more than 12 times the 10 MiB file's. The report goes to stdout and bench/results/batch-&lt;time&gt;.{json,md};
 * progress to stderr.
 */
public final class BatchBench {

    private BatchBench() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(BatchOptions.HELP);
            return;
        }
        BatchOptions options = BatchOptions.parse(args);
        String stamp = org.originhub.bench.ResultFiles.stamp();
        Path dir = Files.createDirectories(options.workDir().resolve(stamp)).toAbsolutePath();
        String tag = org.originhub.bench.ResultFiles.runTag();
        Map<String, Object> environment = Environment.describe();
        environment.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        environment.put("workDir", dir.toString());

        List<SizeResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        BatchRun run = new BatchRun(options, dir, tag);
        try {
            for (int i = 0; i < options.sizesMiB().size(); i++) {
                double size = options.sizesMiB().get(i);
                try {
                    SizeResult result = run.run(size, i);
                    results.add(result);
                    if (!result.complete()) {
                        failures.add(BatchRun.label(size) + ": " + (result.failure() != null ? result.failure()
                                : result.accepted() + " of " + result.certificates() + " accepted"));
                    }
                } catch (Exception e) {
                    say(BatchRun.label(size) + " failed: " + e);
                    failures.add(BatchRun.label(size) + ": " + e);
                }
            }
        } finally {
            if (!options.keepData()) {
                delete(dir.resolve("data"));
            }
        }
        environment.put("loadAfter", Environment.loadAverage());
        environment.put("failures", failures);

        BatchReport report = new BatchReport(environment, options, results);
        System.out.println(report.markdown());
        failures.forEach(f -> System.out.println("FAILED: " + f));
        Path json = options.resultsDir().resolve("batch-" + stamp + ".json");
        report.write(json, options.resultsDir().resolve("batch-" + stamp + ".md"));
        say("results: " + json + " (and .md); logs and recordings: " + dir);
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    /** Progress on stderr, so that stdout holds only the report. */
    static void say(String message) {
        System.err.println("[batch " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
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

package org.originhub.bench.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The batch figures as a markdown table (stdout and a .md file) and as JSON, both under bench/results/. */
final class BatchReport {

    /** Issue #6: the 100 MB file takes no more than 12 times the 10 MB one. */
    static final double MAX_RATIO = 12;
    static final double HEAP_LIMIT_MIB = 512;

    private final Map<String, Object> environment;
    private final BatchOptions options;
    private final List<SizeResult> sizes;

    BatchReport(Map<String, Object> environment, BatchOptions options, List<SizeResult> sizes) {
        this.environment = environment;
        this.options = options;
        this.sizes = sizes;
    }

    /** A target of the issue, reported and never asserted: the machine is shared. */
    record Target(String target, String measured, Boolean met) {
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        Optional<SizeResult> ten = size(10);
        Optional<SizeResult> hundred = size(100);
        hundred.ifPresent(h -> {
            Double xmx = maxHeapMiB();
            boolean within = h.complete() && xmx != null && xmx <= HEAP_LIMIT_MIB;
            targets.add(new Target("the 100 MiB kr-csv file is processed with a heap under 512 MiB",
                    String.format("%s with %s: %d of %d certificates accepted; heap used at most %.0f MiB in 0.5 s samples,"
                                    + " %s MiB after a collection", h.complete() ? "processed" : "NOT processed",
                            String.join(" ", options.jvmArgs()), h.accepted(), h.certificates(), h.heapPeakMiB(),
                            h.jfr() == null ? "?" : String.format("%.0f", h.jfr().heapAfterGcMaxMiB())),
                    xmx == null ? null : within));
        });
        if (ten.isPresent() && hundred.isPresent()) {
            double ratio = hundred.get().seconds() / ten.get().seconds();
            targets.add(new Target("time grows linearly: time(100 MiB) ≤ 12 × time(10 MiB)",
                    String.format("%.1f s / %.1f s = %.2f× (%.0f× the bytes; per certificate %.2f×)", hundred.get().seconds(),
                            ten.get().seconds(), ratio, hundred.get().bytes() / (double) ten.get().bytes(),
                            ratio * ten.get().certificates() / hundred.get().certificates()),
                    hundred.get().complete() && ten.get().complete() ? ratio <= MAX_RATIO : Boolean.FALSE));
        }
        return targets;
    }

    private Optional<SizeResult> size(double mib) {
        return sizes.stream().filter(s -> s.sizeMiB() == mib).findFirst();
    }

    /** The -Xmx of the hub, in MiB, or null when none is given. */
    private Double maxHeapMiB() {
        for (String arg : options.jvmArgs()) {
            if (arg.startsWith("-Xmx")) {
                String value = arg.substring(4).toLowerCase();
                double number = Double.parseDouble(value.replaceAll("[kmg]$", ""));
                return switch (value.charAt(value.length() - 1)) {
                    case 'g' -> number * 1024;
                    case 'm' -> number;
                    case 'k' -> number / 1024;
                    default -> number / 1048576;
                };
            }
        }
        return null;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## OriginHub batch files (kr-csv), ").append(environment.get("started")).append("\n\n");
        md.append(String.format("commit %s, %s CPUs, load average before %s, after %s, Java %s, nice %s. Each size on a"
                        + " fresh hub: %s%s; %d goods items per certificate; %s MiB warm-up batch first, not timed.%n%n",
                environment.get("commit"), environment.get("cpus"), environment.get("loadBefore"),
                environment.get("loadAfter"), environment.get("java"), environment.get("nice"),
                String.join(" ", options.jvmArgs()), options.jfr() ? ", JFR (default settings)" : "", KrCsvBatchFile.ITEMS,
                options.warmupMiB()));
        md.append("| batch | bytes | certificates | accepted | drop → report s | drop → first RECEIVED s | certificates/s"
                + " | heap peak MiB (0.5 s samples) | heap avg MiB | heap after GC max MiB | GCs | GC pauses s | hub CPU cores"
                + " | report bytes |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SizeResult s : sizes) {
            JfrFigures jfr = s.jfr();
            md.append(String.format("| %s | %d | %d | %d | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %.2f | %d |%n",
                    BatchRun.label(s.sizeMiB()), s.bytes(), s.certificates(), s.accepted(), s.seconds(),
                    s.firstReceivedSeconds(), s.certificatesPerSecond(), number(s.heapPeakMiB()), number(s.heapAverageMiB()),
                    jfr == null ? "–" : number(jfr.heapAfterGcMaxMiB()), jfr == null ? "–" : jfr.collections(),
                    jfr == null ? "–" : String.format("%.2f", jfr.pauseSeconds()), s.cpuCores(), s.reportBytes()));
        }
        md.append("\nTargets (reported, not asserted):\n\n| target | measured | met |\n|---|---|---|\n");
        for (Target t : targets()) {
            md.append(String.format("| %s | %s | %s |%n", t.target(), t.measured(),
                    t.met() == null ? "n/a" : t.met() ? "yes" : "no"));
        }
        for (SizeResult s : sizes) {
            if (s.jfr() != null && !s.jfr().topFrames().isEmpty()) {
                md.append("\nWhere the CPU samples were, ").append(BatchRun.label(s.sizeMiB())).append(" (top frame, % of ")
                        .append(s.jfr().samples()).append(" JFR execution samples):\n\n");
                s.jfr().topFrames().forEach((frame, share) -> md.append(String.format("- %.1f %% %s%n", share, frame)));
            }
        }
        return md.toString();
    }

    void write(Path json, Path markdown) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("environment", environment);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sizesMiB", options.sizesMiB());
        settings.put("warmupMiB", options.warmupMiB());
        settings.put("jvmArgs", options.jvmArgs());
        settings.put("jfr", options.jfr());
        settings.put("goodsItemsPerCertificate", KrCsvBatchFile.ITEMS);
        document.put("options", settings);
        document.put("sizes", sizes);
        document.put("targets", targets());
        Files.createDirectories(json.getParent());
        org.originhub.bench.ResultFiles.mapper().writeValue(json.toFile(), document);
        Files.writeString(markdown, markdown());
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "–" : String.format("%.0f", value);
    }
}

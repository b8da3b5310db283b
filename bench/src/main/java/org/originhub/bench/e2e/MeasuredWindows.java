package org.originhub.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured windows of one JVM under closed-loop load, read as one: a single window when the phases run one after
 * the other, several when the reference and the sending hub alternate (--rounds). Rates are over the windows' total
 * time, latencies over every request due in any window, CPU the time-weighted average, heap the highest peak.
 */
final class MeasuredWindows {

    private record Measured(LoadRun load, List<ResourceMeter.Use> uses) {
    }

    private final List<Measured> windows = new ArrayList<>();

    /** Adds a window and answers its own rate, certificates accepted per second. */
    double add(LoadRun load, List<ResourceMeter.Use> uses) {
        windows.add(new Measured(load, uses));
        return load.acceptedPerSecond();
    }

    double seconds() {
        return windows.stream().mapToDouble(w -> w.load().windowSeconds()).sum();
    }

    String load() {
        return windows.get(0).load().clients() + " clients";
    }

    long documents() {
        return windows.stream().mapToLong(w -> w.load().measured().size()).sum();
    }

    long errors() {
        return windows.stream().mapToLong(w -> w.load().measuredErrors()).sum();
    }

    double acceptedPerSecond() {
        return windows.stream().mapToDouble(w -> w.load().acceptedPerSecond() * w.load().windowSeconds()).sum()
                / seconds();
    }

    Latency answers() {
        return Latency.ofMillis(windows.stream().flatMapToDouble(w -> w.load().answerMillis()).toArray());
    }

    /**
     * Each measured process in the order of the first window: CPU, the JIT compilers' and the kernel's parts of it and
     * the context switches averaged over the windows' time, heap peak and mean.
     */
    List<ResourceMeter.Use> uses() {
        List<ResourceMeter.Use> first = windows.get(0).uses();
        List<ResourceMeter.Use> uses = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            double cpu = 0;
            double jit = 0;
            double system = 0;
            double switches = 0;
            double time = 0;
            double peak = Double.NaN;
            double heap = 0;
            double heapTime = 0;
            for (Measured window : windows) {
                ResourceMeter.Use use = window.uses().get(i);
                double seconds = window.load().windowSeconds();
                cpu += use.cpuCores() * seconds;
                jit += use.jitCores() * seconds; // NaN stays NaN: not a JVM
                system += use.systemCores() * seconds; // and not measured
                switches += use.switchesPerSecond() * seconds;
                time += seconds;
                if (!Double.isNaN(use.heapPeakMiB())) {
                    peak = Double.isNaN(peak) ? use.heapPeakMiB() : Math.max(peak, use.heapPeakMiB());
                    heap += use.heapAverageMiB() * seconds;
                    heapTime += seconds;
                }
            }
            uses.add(new ResourceMeter.Use(first.get(i).name(), cpu / time, jit / time, peak,
                    heapTime == 0 ? Double.NaN : heap / heapTime, system / time, switches / time));
        }
        return uses;
    }
}

package org.originhub.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU and heap of the JVMs (and the database server) under test over a measured window: CPU from /proc (the time each process used between the
 * window's start and end), heap used sampled once a second (so "peak" is the highest sample, not the true peak
 * between two collections). The driver itself and the whole machine are measured too, because the machine is shared:
 * busy CPU that is none of ours is noise in the figures.
 */
final class ResourceMeter implements Window {

    /**
     * One measured process: its pid and how to read its heap in use (bytes, or -1); with {@code tree}, the CPU of its
     * child processes is counted too (a database server's backends).
     */
    record Target(String name, long pid, LongSupplier heapUsed, boolean tree) {

        /** A JVM. */
        Target(String name, long pid, LongSupplier heapUsed) {
            this(name, pid, heapUsed, false);
        }

        /** A process and its children, no heap. */
        static Target processTree(String name, long pid) {
            return new Target(name, pid, () -> -1, true);
        }

        /** CPU ticks by pid: the process alone, or with its descendants; empty when it cannot be read. */
        Map<Long, Long> cpuTicks() {
            return tree ? ProcessCpu.treeTicks(pid) : single(pid);
        }

        /** The JIT compiler threads' ticks by thread id, for a JVM; empty for a process tree. */
        Map<Long, Long> compilerTicks() {
            return tree ? Map.of() : ProcessCpu.compilerThreadTicks(pid);
        }

        static Map<Long, Long> single(long pid) {
            long ticks = ProcessCpu.ticks(pid);
            return ticks < 0 ? Map.of() : Map.of(pid, ticks);
        }
    }

    /**
     * Average CPU in cores (1.0 = one core busy all the window), and the part of it the JIT compiler threads took (NaN
     * for a process that is not a JVM); heap in MiB.
     */
    record Use(String name, double cpuCores, double jitCores, double heapPeakMiB, double heapAverageMiB) {

        /** The compilers' share of this JVM's CPU, 0 to 1; NaN when unknown. */
        double jitShare() {
            return cpuCores > 0 ? jitCores / cpuCores : Double.NaN;
        }
    }

    private final List<Target> targets;
    private final List<List<Long>> heaps = new ArrayList<>();
    private List<Map<Long, Long>> startTicks;
    private List<Map<Long, Long>> endTicks;
    private List<Map<Long, Long>> startCompilers;
    private List<Map<Long, Long>> endCompilers;
    private long startNanos;
    private long endNanos;
    private long machineStart;
    private long machineEnd;
    private volatile boolean sampling;
    private Thread sampler;

    List<Target> targets() {
        return targets;
    }

    ResourceMeter(List<Target> targets) {
        this.targets = List.copyOf(targets);
        targets.forEach(t -> heaps.add(new ArrayList<>()));
    }

    @Override
    public void opened() {
        startNanos = System.nanoTime();
        startTicks = ticks();
        startCompilers = compilerTicks();
        machineStart = ProcessCpu.machineBusyTicks();
        sampling = true;
        sampler = new Thread(this::sample, "resource-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    @Override
    public void closed() {
        endNanos = System.nanoTime();
        endTicks = ticks();
        endCompilers = compilerTicks();
        machineEnd = ProcessCpu.machineBusyTicks();
        sampling = false;
        sampler.interrupt();
    }

    /** Each target's ticks by pid, then the driver's own. */
    private List<Map<Long, Long>> ticks() {
        List<Map<Long, Long>> ticks = new ArrayList<>();
        targets.forEach(target -> ticks.add(target.cpuTicks()));
        ticks.add(Target.single(ProcessHandle.current().pid()));
        return ticks;
    }

    private List<Map<Long, Long>> compilerTicks() {
        List<Map<Long, Long>> ticks = new ArrayList<>();
        targets.forEach(target -> ticks.add(target.compilerTicks()));
        return ticks;
    }

    private void sample() {
        while (sampling) {
            for (int i = 0; i < targets.size(); i++) {
                long used = targets.get(i).heapUsed().getAsLong();
                if (used >= 0) {
                    synchronized (heaps) {
                        heaps.get(i).add(used);
                    }
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Each JVM, then the driver, then "machine (all processes)" and "others" (busy, but not one of ours). */
    List<Use> uses() {
        double seconds = (endNanos - startNanos) / 1e9;
        List<Use> uses = new ArrayList<>();
        double ours = 0;
        for (int i = 0; i <= targets.size(); i++) {
            double cores = cores(ProcessCpu.between(startTicks.get(i), endTicks.get(i)), seconds,
                    !startTicks.get(i).isEmpty() && !endTicks.get(i).isEmpty());
            ours += cores;
            if (i == targets.size()) {
                uses.add(new Use("driver", cores, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            LongSummaryStatistics heap;
            synchronized (heaps) {
                heap = heaps.get(i).stream().mapToLong(Long::longValue).summaryStatistics();
            }
            boolean sampled = heap.getCount() > 0;
            double jit = cores(ProcessCpu.between(startCompilers.get(i), endCompilers.get(i)), seconds,
                    !startCompilers.get(i).isEmpty() && !endCompilers.get(i).isEmpty());
            uses.add(new Use(targets.get(i).name(), cores, jit, sampled ? mib(heap.getMax()) : Double.NaN,
                    sampled ? mib(heap.getAverage()) : Double.NaN));
        }
        double machine = cores(machineEnd - machineStart, seconds, machineStart >= 0 && machineEnd >= 0);
        uses.add(new Use("machine (all processes)", machine, Double.NaN, Double.NaN, Double.NaN));
        uses.add(new Use("others (not ours)", Math.max(0, machine - ours), Double.NaN, Double.NaN, Double.NaN));
        return uses;
    }

    private static double cores(long ticks, double seconds, boolean known) {
        return known ? ticks / ProcessCpu.TICKS_PER_SECOND / seconds : Double.NaN;
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }
}

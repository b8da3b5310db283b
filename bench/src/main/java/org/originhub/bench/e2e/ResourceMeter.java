package org.originhub.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * CPU and heap of the JVMs (and the database server) under test over a measured window: CPU from /proc (the time each
 * process used between the window's start and end, and the part of it in the kernel), context switches, heap used
 * sampled once a second (so "peak" is the highest sample, not the true peak
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

        /**
         * A counter of {@link ProcessCpu} (CPU ticks, kernel ticks, context switches) by pid: of the process alone, or
         * with its descendants; empty when it cannot be read.
         */
        Map<Long, Long> counted(LongUnaryOperator counter) {
            return tree ? ProcessCpu.tree(pid, counter) : single(pid, counter);
        }

        /** The JIT compiler threads' ticks by thread id, for a JVM; empty for a process tree. */
        Map<Long, Long> compilerTicks() {
            return tree ? Map.of() : ProcessCpu.compilerThreadTicks(pid);
        }

        static Map<Long, Long> single(long pid, LongUnaryOperator counter) {
            long count = counter.applyAsLong(pid);
            return count < 0 ? Map.of() : Map.of(pid, count);
        }
    }

    /**
     * Average CPU in cores (1.0 = one core busy all the window), the part of it the JIT compiler threads took (NaN
     * for a process that is not a JVM) and the part in the kernel; context switches per second; heap in MiB.
     */
    record Use(String name, double cpuCores, double jitCores, double heapPeakMiB, double heapAverageMiB,
            double systemCores, double switchesPerSecond) {

        /** Without the kernel's part and the context switches (not measured). */
        Use(String name, double cpuCores, double jitCores, double heapPeakMiB, double heapAverageMiB) {
            this(name, cpuCores, jitCores, heapPeakMiB, heapAverageMiB, Double.NaN, Double.NaN);
        }

        /** The compilers' share of this JVM's CPU, 0 to 1; NaN when unknown. */
        double jitShare() {
            return cpuCores > 0 ? jitCores / cpuCores : Double.NaN;
        }
    }

    private final List<Target> targets;
    private final List<List<Long>> heaps = new ArrayList<>();
    /**
     * The counters at one end of the window: per target (then the driver) by pid, CPU ticks, the JIT compiler threads'
     * ticks, kernel ticks and context switches; and the machine's busy ticks, kernel ticks and context switches.
     */
    private record Reading(long nanos, List<Map<Long, Long>> ticks, List<Map<Long, Long>> compilers,
            List<Map<Long, Long>> system, List<Map<Long, Long>> switches, long machineBusy, long machineSystem,
            long machineSwitches) {
    }

    private Reading start;
    private Reading end;
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
        start = read();
        sampling = true;
        sampler = new Thread(this::sample, "resource-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    @Override
    public void closed() {
        end = read();
        sampling = false;
        sampler.interrupt();
    }

    private Reading read() {
        return new Reading(System.nanoTime(), counted(ProcessCpu::ticks), compilerTicks(),
                counted(ProcessCpu::systemTicks), counted(ProcessCpu::contextSwitches), ProcessCpu.machineBusyTicks(),
                ProcessCpu.machineSystemTicks(), ProcessCpu.machineContextSwitches());
    }

    /** Each target's count by pid, then the driver's own. */
    private List<Map<Long, Long>> counted(LongUnaryOperator counter) {
        List<Map<Long, Long>> counts = new ArrayList<>();
        targets.forEach(target -> counts.add(target.counted(counter)));
        counts.add(Target.single(ProcessHandle.current().pid(), counter));
        return counts;
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
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        List<Use> uses = new ArrayList<>();
        double ours = 0;
        for (int i = 0; i <= targets.size(); i++) {
            double cores = cores(grown(start.ticks(), end.ticks(), i), seconds);
            double system = cores(grown(start.system(), end.system(), i), seconds);
            double switches = grown(start.switches(), end.switches(), i) / seconds;
            ours += cores;
            if (i == targets.size()) {
                uses.add(new Use("driver", cores, Double.NaN, Double.NaN, Double.NaN, system, switches));
                continue;
            }
            LongSummaryStatistics heap;
            synchronized (heaps) {
                heap = heaps.get(i).stream().mapToLong(Long::longValue).summaryStatistics();
            }
            boolean sampled = heap.getCount() > 0;
            double jit = cores(grown(start.compilers(), end.compilers(), i), seconds);
            uses.add(new Use(targets.get(i).name(), cores, jit, sampled ? mib(heap.getMax()) : Double.NaN,
                    sampled ? mib(heap.getAverage()) : Double.NaN, system, switches));
        }
        double machine = cores(grown(start.machineBusy(), end.machineBusy()), seconds);
        double machineSystem = cores(grown(start.machineSystem(), end.machineSystem()), seconds);
        double machineSwitches = grown(start.machineSwitches(), end.machineSwitches()) / seconds;
        uses.add(new Use("machine (all processes)", machine, Double.NaN, Double.NaN, Double.NaN, machineSystem,
                machineSwitches));
        uses.add(new Use("others (not ours)", Math.max(0, machine - ours), Double.NaN, Double.NaN, Double.NaN));
        return uses;
    }

    /** What target {@code i} counted between the window's start and end ({@link ProcessCpu#between}), or NaN. */
    private static double grown(List<Map<Long, Long>> start, List<Map<Long, Long>> end, int i) {
        boolean read = !start.get(i).isEmpty() && !end.get(i).isEmpty();
        return read ? ProcessCpu.between(start.get(i), end.get(i)) : Double.NaN;
    }

    /** A machine counter's growth, or NaN when either end could not be read. */
    private static double grown(long start, long end) {
        return start < 0 || end < 0 ? Double.NaN : end - start;
    }

    private static double cores(double ticks, double seconds) {
        return ticks / ProcessCpu.TICKS_PER_SECOND / seconds;
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }
}

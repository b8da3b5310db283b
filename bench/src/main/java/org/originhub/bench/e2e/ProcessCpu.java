package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;

/**
 * CPU time from /proc: of one process (all its threads, user + system, and the system part alone), and of the whole
 * machine, in clock ticks; and context switches, of a process's threads and of the machine. Linux only; on anything
 * else the figures are NaN.
 */
public final class ProcessCpu {

    /** USER_HZ: 100 on every Linux architecture the hub runs on ({@code getconf CLK_TCK}). */
    public static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime of {@code pid} (fields 14 and 15 of /proc/pid/stat), or -1. */
    public static long ticks(long pid) {
        return statTicks(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * stime of {@code pid} alone, the time its threads spent in the kernel (system calls, the scheduler, page faults),
     * or -1. Why: a quarter of the two hubs' CPU is there, a time no Java profiler sees (docs/performance.md).
     */
    public static long systemTicks(long pid) {
        long[] times = statTimes(Path.of("/proc/" + pid + "/stat"));
        return times == null ? -1 : times[1];
    }

    /**
     * Context switches of the threads of {@code pid} alive now, voluntary (a thread waiting: a lock, a socket, a disk
     * sync) and involuntary (preempted), from each /proc/pid/task/N/status; or -1. A thread that ended takes its count
     * with it, so a process whose threads come and go reads low.
     */
    public static long contextSwitches(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.mapToLong(ProcessCpu::threadSwitches).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long threadSwitches(Path task) {
        try {
            return Files.readAllLines(task.resolve("status")).stream().filter(line -> line.contains("ctxt_switches:"))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended meanwhile
        }
    }

    /**
     * {@link #ticks} of each JIT compiler thread of the JVM {@code pid}, by thread id (HotSpot names them "C1
     * CompilerThreadN" and "C2 CompilerThreadN"; it starts and stops them with the work, so they are read like a tree of
     * processes and turned into CPU with {@link #between}). Empty when the JVM cannot be read. Why: compilation counts
     * in invocations, so at a low rate a hub is still compiling minutes into its run, and a window that measures the
     * compilers measures warm-up, not the hub.
     */
    public static Map<Long, Long> compilerThreadTicks(long pid) {
        Map<Long, Long> compilers = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                if (isCompilerThread(task)) {
                    compilers.put(Long.parseLong(task.getFileName().toString()), Math.max(0, statTicks(task.resolve("stat"))));
                }
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return compilers;
    }

    /** A thread name as /proc gives it (15 characters at most): "C2 CompilerThre". */
    static boolean isCompilerThreadName(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    private static boolean isCompilerThread(Path task) {
        try {
            return isCompilerThreadName(Files.readString(task.resolve("comm")).strip());
        } catch (IOException e) {
            return false; // the thread ended meanwhile
        }
    }

    private static long statTicks(Path stat) {
        long[] times = statTimes(stat);
        return times == null ? -1 : times[0] + times[1];
    }

    /** utime and stime of a /proc stat file, or null. */
    private static long[] statTimes(Path stat) {
        try {
            String line = Files.readString(stat);
            // the command name (field 2) may hold spaces and parentheses: count fields after its closing one
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A per-process counter of this class ({@link #ticks}, {@link #systemTicks}, {@link #contextSwitches}) of
     * {@code pid} and of each of its descendants alive now, by pid; empty when {@code pid} cannot be read. Read twice,
     * {@link #between} turns two of these into what the tree used in between.
     */
    public static Map<Long, Long> tree(long pid, LongUnaryOperator counter) {
        long own = counter.applyAsLong(pid);
        if (own < 0) {
            return Map.of();
        }
        Map<Long, Long> tree = new HashMap<>();
        tree.put(pid, own);
        ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .forEach(child -> tree.put(child.pid(), Math.max(0, counter.applyAsLong(child.pid()))));
        return tree;
    }

    /**
     * What a tree of processes used between two {@link #tree} snapshots: each process's growth. One that started in
     * between counts from its start; one that ended in between counts nothing, since its last ticks can no longer be
     * read. Why per process: a sum over the tree drops by the whole life's CPU of every child that ends, and a
     * PostgreSQL backend ends when the hub's pool retires its connection (every 30 minutes), which made a window of a
     * long run read 0.06 cores of PostgreSQL instead of 0.3.
     */
    public static long between(Map<Long, Long> before, Map<Long, Long> after) {
        long used = 0;
        for (Map.Entry<Long, Long> process : after.entrySet()) {
            used += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0L));
        }
        return used;
    }

    /** Busy ticks of the whole machine, all CPUs: everything but idle and iowait (the first line of /proc/stat). */
    public static long machineBusyTicks() {
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        return machineTicks(1, 2, 3, 6, 7, 8);
    }

    /** The whole machine's ticks in the kernel: system, irq and softirq of the first line of /proc/stat. */
    public static long machineSystemTicks() {
        return machineTicks(3, 6, 7);
    }

    private static long machineTicks(int... columns) {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int column : columns) {
                if (column < fields.length) {
                    ticks += Long.parseLong(fields[column]);
                }
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Context switches of the whole machine since it booted (the {@code ctxt} line of /proc/stat), or -1. */
    public static long machineContextSwitches() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            return lines.filter(line -> line.startsWith("ctxt "))
                    .mapToLong(line -> Long.parseLong(line.substring(5).strip()))
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

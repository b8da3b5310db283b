package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc: of one process (all its threads, user + system), and of the whole machine, in clock ticks.
 * Linux only; on anything else the figures are NaN.
 */
public final class ProcessCpu {

    /** USER_HZ: 100 on every Linux architecture the hub runs on ({@code getconf CLK_TCK}). */
    public static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime of {@code pid} (fields 14 and 15 of /proc/pid/stat), or -1. */
    public static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces and parentheses: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {@link #ticks} of {@code pid} and of its descendants alive now, or -1. A child that started within a window counts
     * from its start; one that ended within it takes its earlier CPU out of the sum, which stays small for PostgreSQL,
     * whose backends live as long as the hub's connection pool.
     */
    public static long treeTicks(long pid) {
        long own = ticks(pid);
        if (own < 0) {
            return -1;
        }
        return own + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(child -> Math.max(0, ticks(child.pid()))).sum();
    }

    /** Busy ticks of the whole machine, all CPUs: everything but idle and iowait (the first line of /proc/stat). */
    public static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal (guest time is already inside user)
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

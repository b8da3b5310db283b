package org.originhub.bench.e2e.reference;

import java.util.Arrays;

/**
 * Time from HTTP ingest to the transacted consumer, per message, in the reference's own clock (both ends are in its
 * JVM). Kept from the last reset on, which the driver does when its measured window opens.
 */
final class ConsumedLatencies {

    private long[] micros = new long[1 << 16];
    private int count;
    private long resetNanos = System.nanoTime();

    synchronized void record(long ingestNanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = (System.nanoTime() - ingestNanos) / 1_000;
    }

    synchronized void reset() {
        count = 0;
        resetNanos = System.nanoTime();
    }

    /** Messages consumed since the reset, the seconds since it and, if asked, every latency in microseconds. */
    synchronized String json(boolean withLatencies) {
        StringBuilder json = new StringBuilder("{\"consumed\":").append(count)
                .append(",\"seconds\":").append((System.nanoTime() - resetNanos) / 1e9)
                .append(",\"heapUsed\":").append(heapUsed());
        if (withLatencies) {
            json.append(",\"latenciesMicros\":[");
            for (int i = 0; i < count; i++) {
                json.append(i == 0 ? "" : ",").append(micros[i]);
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static long heapUsed() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

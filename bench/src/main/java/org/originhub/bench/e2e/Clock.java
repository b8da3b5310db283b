package org.originhub.bench.e2e;

import java.time.Instant;

/**
 * The driver's monotonic clock tied to the wall clock once, so that an intended send time (nanoTime) can be compared
 * with the times the hubs record (Instant.now() on the same machine, hence the same system clock).
 */
final class Clock {

    private final long nanoBase = System.nanoTime();
    private final Instant wallBase = Instant.now();

    /** Microseconds since the epoch at the driver's {@code System.nanoTime()} value {@code nanos}. */
    long epochMicros(long nanos) {
        return wallBase.getEpochSecond() * 1_000_000 + wallBase.getNano() / 1_000 + (nanos - nanoBase) / 1_000;
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}

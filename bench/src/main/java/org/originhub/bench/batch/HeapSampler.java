package org.originhub.bench.batch;

import java.util.function.LongSupplier;

/**
 * The hub's heap in use (jvm.memory.used, area heap, from the actuator) every half second while a batch is
 * processed. "Used" includes garbage not yet collected, and the peak is the highest sample, not the true peak
 * between two samples: the heap after each collection comes from the JFR recording ({@link JfrFigures}).
 */
final class HeapSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 500;

    private final LongSupplier heapUsed;
    private final Thread thread;
    private volatile boolean running = true;
    private long max = -1;
    private long sum;
    private int count;

    HeapSampler(LongSupplier heapUsed) {
        this.heapUsed = heapUsed;
        this.thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            long used = heapUsed.getAsLong();
            if (used >= 0) {
                synchronized (this) {
                    max = Math.max(max, used);
                    sum += used;
                    count++;
                }
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized double peakMiB() {
        return count == 0 ? Double.NaN : max / 1048576.0;
    }

    synchronized double averageMiB() {
        return count == 0 ? Double.NaN : sum / (double) count / 1048576.0;
    }

    synchronized int samples() {
        return count;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}

package org.originhub.bench.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed arrival rate, whatever the answers: request i is due at start + i / rate and is sent then by a thread of its
 * own, so a slow answer never delays the next request. Latency counts from the due time, so a send that starts late
 * (the driver itself stalled) is charged to the measurement, not hidden (coordinated omission).
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /**
     * @param maxOutstanding beyond this many unanswered requests the system is not keeping up; a request due then is
     *                       recorded as not sent rather than piling up threads without bound
     */
    static LoadRun run(Ingest ingest, Documents documents, double requestsPerSecond, Duration warmup, Duration measure,
            int maxOutstanding, Window window) throws InterruptedException {
        Queue<Submission> done = new ConcurrentLinkedQueue<>();
        Semaphore outstanding = new Semaphore(maxOutstanding);
        ExecutorService senders = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "open-loop");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long end = windowStart + measure.toNanos();
        double period = 1e9 / requestsPerSecond;
        boolean opened = false;
        for (long i = 0; ; i++) {
            long due = start + Math.round(i * period);
            if (due >= end) {
                break;
            }
            if (!opened && due >= windowStart) {
                parkUntil(windowStart);
                window.opened();
                opened = true;
            }
            parkUntil(due);
            Documents.Document document = documents.next();
            if (!outstanding.tryAcquire()) {
                done.add(new Submission(document.sourceId(), document.certificateIds(), due, due, due,
                        Submission.NOT_SENT, 0));
                continue;
            }
            senders.execute(() -> {
                try {
                    done.add(ingest.post(document, due));
                } finally {
                    outstanding.release();
                }
            });
        }
        ClosedLoop.sleepUntil(end);
        window.closed();
        senders.shutdown();
        senders.awaitTermination(90, TimeUnit.SECONDS);
        return new LoadRun(List.copyOf(done), windowStart, end, 0, requestsPerSecond);
    }

    private static void parkUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}

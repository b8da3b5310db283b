package org.originhub.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** N clients, each posting its next document as soon as the previous one is answered: the saturation rate. */
final class ClosedLoop {

    private ClosedLoop() {
    }

    static LoadRun run(Ingest ingest, Documents documents, int clients, Duration warmup, Duration measure, Window window)
            throws InterruptedException {
        Queue<Submission> done = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long end = windowStart + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    done.add(ingest.post(documents.next(), System.nanoTime()));
                }
            }, "closed-loop-" + i);
            client.setDaemon(true);
            client.start();
            threads.add(client);
        }
        sleepUntil(windowStart);
        window.opened();
        sleepUntil(end);
        window.closed();
        for (Thread client : threads) {
            client.join(TimeUnit.SECONDS.toMillis(90));
        }
        return new LoadRun(List.copyOf(done), windowStart, end, clients, 0);
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }
}

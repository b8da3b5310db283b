package org.originhub.http;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Where platform-http runs a request's route: on the web server's thread that took the request, at most
 * {@code lanes} at a time, the others waiting in arrival order.
 *
 * <p>Camel's platform-http hands every request to an executor and answers through Spring MVC's asynchronous dispatch.
 * With Spring's task executor each request crossed threads twice (web server → task thread → web server), and on two
 * cores each crossing can wait for a core. Run here, the future is complete when the handler returns, and the request
 * ends on its first dispatch ({@link FinishedRouteAnswers}). Measured alone, the change was within the benchmark's
 * noise (docs/performance.md); what it surely does is name the cap: the hub's ingest concurrency, which Spring's task
 * executor (8 threads) set before without saying so, and which keeps ingest from taking the cores delivery needs.
 */
public final class RequestLanes implements Executor {

    private final Semaphore lanes;
    private final int size;

    public RequestLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("originhub.http.concurrent-requests must be at least 1, not " + lanes);
        }
        this.lanes = new Semaphore(lanes, true);
        this.size = lanes;
    }

    @Override
    public void execute(Runnable route) {
        try {
            lanes.acquire();
        } catch (InterruptedException e) {
            // the server is stopping: the request is answered with an error, nothing of it was taken
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("the hub is stopping", e);
        }
        try {
            route.run();
        } finally {
            lanes.release();
        }
    }

    public int size() {
        return size;
    }

    /** Requests whose routes run now. */
    public int busy() {
        return size - lanes.availablePermits();
    }
}

package org.originhub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestLanesTest {

    @Test
    void aRouteRunsOnTheCallersThreadSoTheFutureIsCompleteWhenTheHandlerReturns() {
        RequestLanes lanes = new RequestLanes(2);
        String caller = Thread.currentThread().getName();
        String[] ranOn = new String[1];

        CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> ranOn[0] = Thread.currentThread().getName(),
                lanes);

        assertThat(answer).isCompleted();
        assertThat(ranOn[0]).isEqualTo(caller);
        assertThat(lanes.busy()).isZero();
    }

    @Test
    void noMoreRoutesRunAtOnceThanThereAreLanesAndTheOthersWaitTheirTurn() throws Exception {
        RequestLanes lanes = new RequestLanes(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Thread[] requests = new Thread[5];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new Thread(() -> lanes.execute(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                awaitQuietly(release);
                running.decrementAndGet();
            }));
            requests[i].start();
        }
        awaitBusy(lanes, 2);
        Thread.sleep(100); // the three others had time to start, had they been let in

        assertThat(running.get()).isEqualTo(2);
        release.countDown();
        for (Thread request : requests) {
            request.join(10_000);
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(lanes.busy()).isZero();
    }

    @Test
    void aRouteThatFailsGivesItsLaneBack() {
        RequestLanes lanes = new RequestLanes(1);

        assertThatThrownBy(() -> lanes.execute(() -> {
            throw new IllegalStateException("the route failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(lanes.busy()).isZero();
    }

    @Test
    void aRequestWaitingWhileTheServerStopsIsRejectedWithoutRunning() throws Exception {
        RequestLanes lanes = new RequestLanes(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> lanes.execute(() -> awaitQuietly(release)));
        holder.start();
        awaitBusy(lanes, 1);
        AtomicInteger ran = new AtomicInteger();
        Throwable[] refused = new Throwable[1];
        Thread waiting = new Thread(() -> {
            try {
                lanes.execute(ran::incrementAndGet);
            } catch (RejectedExecutionException e) {
                refused[0] = e;
            }
        });
        waiting.start();
        Thread.sleep(50);
        waiting.interrupt();
        waiting.join(10_000);
        release.countDown();
        holder.join(10_000);

        assertThat(refused[0]).isInstanceOf(RejectedExecutionException.class);
        assertThat(ran.get()).isZero();
        assertThat(lanes.busy()).isZero();
    }

    @Test
    void fewerThanOneLaneIsAConfigurationError() {
        assertThatThrownBy(() -> new RequestLanes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("originhub.http.concurrent-requests");
    }

    private static void awaitBusy(RequestLanes lanes, int busy) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lanes.busy() < busy && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

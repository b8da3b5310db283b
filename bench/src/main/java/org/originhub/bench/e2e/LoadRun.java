package org.originhub.bench.e2e;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;

/**
 * What one load phase posted, with its measured window (after the warm-up), in driver nanoTime.
 *
 * @param offeredPerSecond the open loop's request rate; 0 for a closed loop
 */
record LoadRun(List<Submission> submissions, long windowStart, long windowEnd, int clients, double offeredPerSecond) {

    double windowSeconds() {
        return (windowEnd - windowStart) / 1e9;
    }

    /** Due inside the window: these give the latencies. */
    List<Submission> measured() {
        return submissions.stream().filter(s -> s.intended() >= windowStart && s.intended() < windowEnd).toList();
    }

    /** Accepted certificates per second whose answer came inside the window. */
    double acceptedPerSecond() {
        return count(s -> s.answered() >= windowStart && s.answered() < windowEnd) / windowSeconds();
    }

    private long count(Predicate<Submission> in) {
        return submissions.stream().filter(in).mapToLong(Submission::accepted).sum();
    }

    Latency answerLatency() {
        return Latency.ofMillis(answerMillis().toArray());
    }

    /** The answer time of each request due in the window that was sent. */
    DoubleStream answerMillis() {
        return measured().stream().filter(s -> s.status() != Submission.NOT_SENT).mapToDouble(Submission::answerMillis);
    }

    /** Documents due in the window that were not answered 202 with every certificate accepted. */
    long measuredErrors() {
        return measured().stream().filter(s -> !s.ok()).count();
    }

    long notSent() {
        return measured().stream().filter(s -> s.status() == Submission.NOT_SENT).count();
    }
}

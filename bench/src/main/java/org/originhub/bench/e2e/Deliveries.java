package org.originhub.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A two-hub load run read against the sender's audit times: sustained ACK rate, latencies, what is left over. */
final class Deliveries {

    private final LoadRun load;
    private final Map<String, AckTimes.Times> times;
    private final Clock clock;

    Deliveries(LoadRun load, Map<String, AckTimes.Times> times, Clock clock) {
        this.load = load;
        this.times = times;
        this.clock = clock;
    }

    /** Every certificate the sender accepted, warm-up included: ACKs inside the window may be of warm-up ones. */
    static List<String> accepted(LoadRun load) {
        return load.submissions().stream().filter(Submission::ok).flatMap(s -> s.certificateIds().stream()).toList();
    }

    /** ACKNOWLEDGED events inside the window, whichever certificate they are for, per second. */
    double acknowledgedPerSecond() {
        long from = clock.epochMicros(load.windowStart());
        long to = clock.epochMicros(load.windowEnd());
        return times.values().stream().filter(t -> t.acknowledged() >= from && t.acknowledged() < to).count()
                / load.windowSeconds();
    }

    /** Accepted by the end of the window (by answer time) minus acknowledged by then. */
    long backlogAtWindowEnd() {
        long to = clock.epochMicros(load.windowEnd());
        long accepted = load.submissions().stream().filter(s -> s.answered() < load.windowEnd())
                .mapToLong(Submission::accepted).sum();
        long acknowledged = times.values().stream().filter(t -> t.wasAcknowledged() && t.acknowledged() < to).count();
        return accepted - acknowledged;
    }

    /** RECEIVED → ACKNOWLEDGED, on the sender's clock, of the certificates due in the window. */
    Latency ingestToAck() {
        return Latency.ofMillis(measured(null, (s, t) -> (t.acknowledged() - t.received()) / 1e3));
    }

    /** Due time → ACKNOWLEDGED: what an issuing system waiting for the ACK sees, late sends included. */
    Latency dueToAck() {
        return Latency.ofMillis(measured(null, (s, t) -> (t.acknowledged() - clock.epochMicros(s.intended())) / 1e3));
    }

    Map<String, Latency> ingestToAckByFormat() {
        Map<String, Latency> byFormat = new TreeMap<>();
        load.measured().stream().map(Submission::format).distinct().forEach(format -> byFormat.put(format,
                Latency.ofMillis(measured(format, (s, t) -> (t.acknowledged() - t.received()) / 1e3))));
        return byFormat;
    }

    /** Certificates accepted among those due in the window that had no ACK when read. */
    long unacknowledged() {
        return load.measured().stream().filter(Submission::ok).flatMap(s -> s.certificateIds().stream())
                .filter(id -> times.get(id) == null || !times.get(id).wasAcknowledged()).count();
    }

    private interface Span {
        double millis(Submission submission, AckTimes.Times times);
    }

    private double[] measured(String format, Span span) {
        List<Double> values = new ArrayList<>();
        for (Submission submission : load.measured()) {
            if (!submission.ok() || (format != null && !format.equals(submission.format()))) {
                continue;
            }
            for (String id : submission.certificateIds()) {
                AckTimes.Times t = times.get(id);
                if (t != null && t.wasAcknowledged() && t.received() >= 0) {
                    values.add(span.millis(submission, t));
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

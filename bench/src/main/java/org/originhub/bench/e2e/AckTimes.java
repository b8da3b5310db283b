package org.originhub.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * When the sending hub recorded each certificate RECEIVED and ACKNOWLEDGED, from its audit trail
 * (GET /api/v1/certificates/{id}). Both times come from the sender's clock, so their difference is the time from
 * ingest to the partner's signed, verified business ACK, whatever the driver's own delays.
 */
final class AckTimes {

    /** One certificate's times on the sender, epoch microseconds (-1: no such event yet). */
    record Times(long received, long acknowledged, String status) {

        boolean wasAcknowledged() {
            return acknowledged >= 0;
        }

        /** ACCEPTED, REJECTED or FAILED: nothing more will happen to it. */
        boolean settled() {
            return "ACCEPTED".equals(status) || "REJECTED".equals(status) || "FAILED".equals(status);
        }
    }

    private static final int READERS = 4;

    private final HubApi sender;

    AckTimes(HubApi sender) {
        this.sender = sender;
    }

    /**
     * Waits until the last certificates posted are settled (deliveries run roughly in order, so the rest are too) or
     * the timeout passes. Answers how long it waited.
     */
    double awaitSettled(List<String> last, long timeoutMillis) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<String> pending = new ArrayList<>(last);
        while (!pending.isEmpty() && System.nanoTime() < end) {
            List<String> still = new ArrayList<>();
            for (String id : pending) {
                if (!read(id).map(Times::settled).orElse(false)) {
                    still.add(id);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The times of every id, read by a few threads (the hub answers these reads besides its other work). */
    Map<String, Times> read(List<String> ids) throws InterruptedException {
        Map<String, Times> times = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(readers.submit(() -> {
                    read(id).ifPresent(t -> times.put(id, t));
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                try {
                    read.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // an unreadable status is counted as not acknowledged
                }
            }
        } finally {
            readers.shutdown();
        }
        return times;
    }

    private Optional<Times> read(String id) throws IOException, InterruptedException {
        return sender.certificate(id).map(AckTimes::times);
    }

    private static Times times(JsonNode certificate) {
        long received = -1;
        long acknowledged = -1;
        for (JsonNode event : certificate.path("events")) {
            String name = event.path("event").asText();
            if (received < 0 && "RECEIVED".equals(name)) {
                received = Clock.micros(Instant.parse(event.path("time").asText()));
            } else if (acknowledged < 0 && "ACKNOWLEDGED".equals(name)) {
                acknowledged = Clock.micros(Instant.parse(event.path("time").asText()));
            }
        }
        return new Times(received, acknowledged, certificate.path("status").asText());
    }
}

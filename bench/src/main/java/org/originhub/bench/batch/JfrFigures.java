package org.originhub.bench.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the hub's JFR recording says about one batch, between the drop and the result: collections and their pauses,
 * the heap in use after each collection (the live data plus what survived: the figure to hold against the heap
 * limit) and before it, and where the CPU samples were (the top frame of each, "self" time).
 *
 * @param topFrames method to its share of the execution samples, highest first
 */
record JfrFigures(int collections, double pauseSeconds, double heapAfterGcMaxMiB, double heapBeforeGcMaxMiB,
        int samples, Map<String, Double> topFrames) {

    private static final int TOP = 15;

    static JfrFigures read(Path recording, Instant from, Instant to) throws IOException {
        int collections = 0;
        long pauseNanos = 0;
        long afterMax = -1;
        long beforeMax = -1;
        int samples = 0;
        Map<String, Integer> frames = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                Instant at = event.getStartTime();
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.GarbageCollection" -> {
                        collections++;
                        pauseNanos += event.getDuration("sumOfPauses").toNanos();
                    }
                    case "jdk.GCHeapSummary" -> {
                        long used = event.getLong("heapUsed");
                        if ("After GC".equals(event.getString("when"))) {
                            afterMax = Math.max(afterMax, used);
                        } else {
                            beforeMax = Math.max(beforeMax, used);
                        }
                    }
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        if (event.getStackTrace() != null && !event.getStackTrace().getFrames().isEmpty()) {
                            RecordedFrame top = event.getStackTrace().getFrames().get(0);
                            frames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1,
                                    Integer::sum);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        int total = samples;
        Map<String, Double> top = new LinkedHashMap<>();
        List<Map.Entry<String, Integer>> sorted = frames.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(TOP).toList();
        sorted.forEach(e -> top.put(e.getKey(), total == 0 ? 0 : e.getValue() * 100.0 / total));
        return new JfrFigures(collections, pauseNanos / 1e9, mib(afterMax), mib(beforeMax), samples, top);
    }

    private static double mib(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / 1048576.0;
    }
}

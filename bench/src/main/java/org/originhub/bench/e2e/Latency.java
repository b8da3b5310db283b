package org.originhub.bench.e2e;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a set of latencies in milliseconds, nearest rank (no interpolation: every value was observed). */
record Latency(int count, double p50, double p95, double p99, double max) {

    static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Latency ofMillis(Collection<Double> values) {
        return ofMillis(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Latency ofMillis(double[] values) {
        if (values.length == 0) {
            return NONE;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Latency(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** p50 / p95 / p99 / max, for the table. */
    String row() {
        return count == 0 ? "–" : String.format("%s / %s / %s / %s", ms(p50), ms(p95), ms(p99), ms(max));
    }

    private static String ms(double value) {
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }
}

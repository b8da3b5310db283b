package org.originhub.config;

/** A named delivery retry policy ({@code config/retry-policies.yaml}): exponential back-off between attempts. */
public record RetryPolicy(int maximumAttempts, long initialDelay, double multiplier, long maximumDelay) {

    /** Camel counts redeliveries, not attempts: the first attempt is not a redelivery. */
    public int maximumRedeliveries() {
        return Math.max(0, maximumAttempts - 1);
    }
}

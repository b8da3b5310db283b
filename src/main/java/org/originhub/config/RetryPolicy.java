package org.originhub.config;

import java.time.Duration;
import java.time.Instant;

/**
 * A named delivery retry policy ({@code config/retry-policies.yaml}). Retries are the broker's: a failed attempt
 * rolls the message back and the broker holds it for the next delay (initialDelay, multiplied by multiplier after
 * each attempt, at most maximumDelay), in its persistent journal, so a hub restart keeps the schedule. The budget
 * is counted by the hub in its database: after maximumAttempts attempts, or once maximumAge has passed since the
 * certificate was queued (or resent, or replayed), the certificate is FAILED and dead-lettered.
 */
public record RetryPolicy(int maximumAttempts, long initialDelay, double multiplier, long maximumDelay,
        Duration maximumAge) {

    public RetryPolicy {
        if (maximumAttempts < 1 || initialDelay < 0 || multiplier < 1.0 || maximumDelay < initialDelay) {
            throw new IllegalArgumentException("retry policy needs maximumAttempts >= 1, multiplier >= 1,"
                    + " maximumDelay >= initialDelay");
        }
        maximumAge = maximumAge == null ? Duration.ofDays(7) : maximumAge;
    }

    /** Whether the budget is spent after {@code attempts} attempts, the message having waited since {@code since}. */
    public boolean spent(int attempts, Instant since, Instant now) {
        return attempts >= maximumAttempts || (since != null && Duration.between(since, now).compareTo(maximumAge) >= 0);
    }

    /** The broker's delay before the attempt after {@code attempts} failed ones, as the broker computes it. */
    public long delayAfter(int attempts) {
        double delay = initialDelay * Math.pow(multiplier, Math.max(0, attempts - 1));
        return (long) Math.min(delay, maximumDelay);
    }
}

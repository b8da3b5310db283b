package org.originhub.bench.e2e;

import java.util.List;

/**
 * One posted document. {@code intended} is when it was due: the send time in a closed loop, the schedule's time in an
 * open loop, so that a late send counts against the system under test (no coordinated omission). Times are the
 * driver's {@code System.nanoTime()}.
 *
 * @param status the HTTP status, or {@link #NOT_SENT} when the open loop had too many requests outstanding, or
 *               {@link #FAILED} when no answer came (connection refused, timeout)
 * @param accepted the certificates the answer reports ACCEPTED
 */
record Submission(String format, List<String> certificateIds, long intended, long sent, long answered, int status,
        int accepted) {

    static final int NOT_SENT = -1;
    static final int FAILED = -2;

    double answerMillis() {
        return (answered - intended) / 1e6;
    }

    boolean ok() {
        return status >= 200 && status < 300 && accepted == certificateIds.size();
    }
}

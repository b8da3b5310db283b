package org.originhub.store;

/**
 * The state of the current delivery attempt of a certificate, kept apart from its business status
 * ({@link LifecycleStatus}): the channel layer's view (domain.md §4.1), which an operator reads to see
 * whether the hub is still trying. Stored as text; RETRYING carries the attempt that failed, RETRYING(3).
 */
public enum TransportStatus {
    /** On the partner's durable delivery queue, not attempted yet. */
    QUEUED,
    /** An attempt is under way: the hub is sending and waiting for the partner's answer. */
    SENDING,
    /** An attempt failed transiently; the broker holds the message until the policy's next delay. */
    RETRYING,
    /** The partner hub answered with an ACK. */
    ACKNOWLEDGED,
    /** A channel without a business ACK (SFTP, JMS, folder, national HTTP) completed the transfer. */
    DELIVERED,
    /** The retry budget is spent or the partner refused for good: the message is in the dead-letter store. */
    FAILED,
    /** Waiting in the store for the partner's next scheduled batch. */
    BATCH_PENDING,
    /** Sent in a batch. */
    BATCHED,
    /** Received from a partner hub (inbound rows). */
    RECEIVED;

    public String after(int failedAttempt) {
        return this == RETRYING ? name() + "(" + failedAttempt + ")" : name();
    }
}

package org.originhub.config;

/**
 * A queue on a broker: a partner's inbox or a national system's outbox. Without {@code brokerUrl} the queue is on
 * the hub's own broker; with it, on a remote broker reached with these credentials.
 */
public record JmsSettings(String brokerUrl, String username, String password, String queue) {

    public boolean remote() {
        return brokerUrl != null && !brokerUrl.isBlank();
    }
}

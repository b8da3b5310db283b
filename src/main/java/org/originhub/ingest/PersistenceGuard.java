package org.originhub.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether the hub can persist what it would accept. Checked before a submission or a partner's envelope is read:
 * a hub whose broker refuses to write (its disk above max-disk-usage) or whose data disk is nearly full answers
 * 503 with Retry-After, never 202 for something it could not keep. Also the hub's "persistence" health.
 */
public class PersistenceGuard implements HealthIndicator {

    private final EmbeddedActiveMQ broker;
    private final Path dataDir;
    private final long minimumFreeBytes;

    /** @param broker the embedded broker, or null with an external one (which refuses sends itself) */
    public PersistenceGuard(EmbeddedActiveMQ broker, Path dataDir, long minimumFreeBytes) {
        this.broker = broker;
        this.dataDir = dataDir;
        this.minimumFreeBytes = minimumFreeBytes;
    }

    /** Throws {@link HubUnavailableException} when the hub cannot persist now. */
    public void check() {
        String reason = problem();
        if (reason != null) {
            throw new HubUnavailableException(reason);
        }
    }

    /** Why the hub cannot persist, or null. */
    public String problem() {
        if (broker != null && broker.getActiveMQServer() != null && broker.getActiveMQServer().getPagingManager() != null
                && broker.getActiveMQServer().getPagingManager().isDiskFull()) {
            return "the message broker's disk is full: it accepts no new messages";
        }
        try {
            Path existing = dataDir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && Files.getFileStore(existing).getUsableSpace() < minimumFreeBytes) {
                return "less than " + (minimumFreeBytes >> 20) + " MB free on the data disk";
            }
        } catch (IOException e) {
            return "cannot read the free space of the data disk: " + e.getMessage();
        }
        return null;
    }

    @Override
    public Health health() {
        String reason = problem();
        return reason == null ? Health.up().build() : Health.outOfService().withDetail("reason", reason).build();
    }
}

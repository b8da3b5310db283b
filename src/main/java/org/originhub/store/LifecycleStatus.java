package org.originhub.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * The business status of a certificate on this hub (canonical-model.md §6.6), with the transitions the
 * hub allows. FAILED is the hub's own terminal state for a certificate whose delivery budget is spent;
 * it may be sent again (back to ISSUED).
 */
public enum LifecycleStatus {
    ISSUED, TRANSMITTED, DELIVERED, ACCEPTED, REJECTED, FAILED;

    public Set<LifecycleStatus> next() {
        return switch (this) {
            case ISSUED -> EnumSet.of(TRANSMITTED, ACCEPTED, REJECTED, DELIVERED, FAILED);
            case TRANSMITTED -> EnumSet.of(DELIVERED, ACCEPTED, REJECTED, FAILED);
            case DELIVERED -> EnumSet.of(ACCEPTED, REJECTED);
            case FAILED -> EnumSet.of(ISSUED);
            case ACCEPTED, REJECTED -> EnumSet.noneOf(LifecycleStatus.class);
        };
    }

    public boolean canMoveTo(LifecycleStatus target) {
        return next().contains(target);
    }
}

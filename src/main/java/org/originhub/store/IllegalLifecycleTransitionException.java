package org.originhub.store;

/** A status change the lifecycle does not allow; the store refuses it and the row stays as it was. */
public class IllegalLifecycleTransitionException extends RuntimeException {

    public IllegalLifecycleTransitionException(String certificateId, LifecycleStatus from, LifecycleStatus to) {
        super("certificate " + certificateId + " cannot move from " + from + " to " + to);
    }
}

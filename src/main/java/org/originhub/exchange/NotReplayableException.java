package org.originhub.exchange;

import org.originhub.store.LifecycleStatus;

/** Only a FAILED certificate can be replayed: one still in delivery or settled is not sent again. */
public class NotReplayableException extends RuntimeException {

    public NotReplayableException(String certificateId, LifecycleStatus status) {
        super("certificate " + certificateId + " is " + status + ", not FAILED: nothing to replay");
    }
}

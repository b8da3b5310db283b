package org.originhub.exchange;

import java.util.List;
import org.originhub.format.HubError;

/** An exchange body that is not even an envelope with a message id and sender: answered 400, nothing to ACK. */
public class UnreadableEnvelopeException extends RuntimeException {

    private final transient List<HubError> errors;

    public UnreadableEnvelopeException(List<HubError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<HubError> errors() {
        return errors;
    }
}

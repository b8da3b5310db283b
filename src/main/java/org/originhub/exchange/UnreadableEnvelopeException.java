package org.originhub.exchange;

import java.util.List;
import org.originhub.format.CodedErrorsException;
import org.originhub.format.HubError;

/** An exchange body that is not even an envelope with a message id and sender: answered 400, nothing to ACK. */
public class UnreadableEnvelopeException extends CodedErrorsException {

    public UnreadableEnvelopeException(List<HubError> errors) {
        super(errors);
    }
}

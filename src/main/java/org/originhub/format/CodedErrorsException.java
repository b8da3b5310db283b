package org.originhub.format;

import java.util.List;

/** A failure that is answered with coded errors (E001, E040, ...) rather than a stack trace. */
public abstract class CodedErrorsException extends RuntimeException {

    private final transient List<HubError> errors;

    protected CodedErrorsException(List<HubError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<HubError> errors() {
        return errors;
    }
}

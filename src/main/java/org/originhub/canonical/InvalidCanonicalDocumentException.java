package org.originhub.canonical;

import java.util.List;
import org.originhub.format.HubError;

/** A canonical document that breaks the canonical schema. */
public class InvalidCanonicalDocumentException extends RuntimeException {

    private final transient List<HubError> errors;

    public InvalidCanonicalDocumentException(List<HubError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<HubError> errors() {
        return errors;
    }
}

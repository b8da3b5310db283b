package org.originhub.canonical;

import java.util.List;
import org.originhub.format.CodedErrorsException;
import org.originhub.format.HubError;

/** A canonical document that breaks the canonical schema. */
public class InvalidCanonicalDocumentException extends CodedErrorsException {

    public InvalidCanonicalDocumentException(List<HubError> errors) {
        super(errors);
    }
}

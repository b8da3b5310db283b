package org.originhub.format;

import java.util.List;

/** The whole document is unreadable (not well-formed, a DOCTYPE, broken quoting): no certificate can be taken from it. */
public class NationalDocumentException extends CodedErrorsException {

    public NationalDocumentException(List<HubError> errors) {
        super(errors);
    }

    public NationalDocumentException(HubError error) {
        this(List.of(error));
    }
}

package org.originhub.signature;

import java.util.List;
import org.originhub.format.CodedErrorsException;
import org.originhub.format.HubError;

/**
 * A signature the hub does not accept, with its coded error for the ACK: E010 the signature is missing, malformed,
 * outside the profile or does not match the content; E011 the signer is not trusted for the party it signs as, or
 * its certificate is expired or not yet valid; E020 the envelope names a sender the hub has no partner for.
 */
public class SignatureRejectedException extends CodedErrorsException {

    static final String POINTER = "/Envelope/Signature";

    private SignatureRejectedException(HubError error) {
        super(List.of(error));
    }

    static SignatureRejectedException invalid(String message) {
        return new SignatureRejectedException(new HubError("E010", POINTER, message));
    }

    static SignatureRejectedException untrusted(String message) {
        return new SignatureRejectedException(new HubError("E011", POINTER, message));
    }

    static SignatureRejectedException unknownSender(String partyId) {
        return new SignatureRejectedException(new HubError("E020", "/Envelope/SenderID", "no partner with party id "
                + partyId + " is configured: there is no certificate to check its signature against"));
    }

    /** The coded error: E010, E011 or E020. */
    public String code() {
        return errors().get(0).code();
    }
}

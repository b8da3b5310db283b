package org.originhub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.originhub.block.BlockConfigurationException;
import org.originhub.canonical.InvalidCanonicalDocumentException;
import org.originhub.exchange.UnreadableEnvelopeException;
import org.originhub.format.CodedErrorsException;
import org.originhub.format.HubError;
import org.originhub.ingest.DocumentTooLargeException;
import org.originhub.ingest.UnknownSourceException;

/** Turns the exceptions the HTTP API answers with a status into that status and a JSON problem body. */
public class ProblemAnswers {

    private static final int RETRY_AFTER_SECONDS = 30;

    public Map<String, Object> answer(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        List<HubError> errors = List.of();
        if (failure instanceof UnknownSourceException || failure instanceof CertificateNotFoundException
                || failure instanceof BlockNotFoundException) {
            status = 404;
        } else if (failure instanceof org.originhub.security.PartnerNotAuthenticatedException) {
            status = 403;
        } else if (failure instanceof org.originhub.exchange.NotReplayableException) {
            status = 409;
        } else if (failure instanceof BlockConfigurationException) {
            status = 422;
        } else if (failure instanceof DocumentTooLargeException) {
            status = 413;
            errors = List.of(HubError.schema("document", failure.getMessage()));
        } else if (failure instanceof UnreadableEnvelopeException || failure instanceof InvalidCanonicalDocumentException) {
            status = 400;
            errors = ((CodedErrorsException) failure).errors();
        } else {
            // not a refusal of the request: the hub could not process it now; the client may try again
            status = 503;
            exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        problem.put("message", failure == null ? "" : failure.getMessage());
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        if (failure instanceof BlockConfigurationException refused) {
            problem.put("file", refused.file());
            problem.put("line", refused.line());
            problem.put("field", refused.field());
        }
        return problem;
    }
}

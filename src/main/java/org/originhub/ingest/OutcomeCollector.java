package org.originhub.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Collects each certificate's outcome into the document's exchange ({@code OriginHubOutcomes}). It
 * aggregates into the original exchange itself, so nothing a certificate's sub-exchange carried (such as
 * the mark of a handled rejection) leaks into the document's flow.
 */
public class OutcomeCollector implements AggregationStrategy {

    public static final String OUTCOMES = "OriginHubOutcomes";

    private final CertificatePipeline pipeline;

    public OutcomeCollector(CertificatePipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        throw new UnsupportedOperationException("needs the input exchange");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange, Exchange inputExchange) {
        List<CertificateOutcome> outcomes = inputExchange.getProperty(OUTCOMES, List.class);
        if (outcomes == null) {
            outcomes = new ArrayList<>();
            inputExchange.setProperty(OUTCOMES, outcomes);
        }
        if (newExchange.getException() != null) {
            // Not a rejection but a failure to process (store or broker down): the submission fails as a whole, and
            // the audit trail keeps how far the certificate got.
            pipeline.abandoned(newExchange.getProperty(CertificatePipeline.WORK_ITEM, WorkItem.class));
            inputExchange.setException(newExchange.getException());
        } else {
            outcomes.add(newExchange.getMessage().getBody(CertificateOutcome.class));
        }
        return inputExchange;
    }
}

package org.originhub.store;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.MDC;

/**
 * Takes the certificate id out of the log context when an exchange ends, completed or failed, so a thread's next
 * exchange never logs under the last one's certificate.
 *
 * <p>Camel's MDC logging did this, and also carried the id from step to step, copying the whole log context before
 * and after every step of every route: 3–4 % of each hub's CPU (docs/performance.md). The hub needs no carrying: a
 * certificate's steps run on one thread, which the stage that first knows the id sets ({@code CertificatePipeline},
 * {@code DeliveryAttempts}), and each audit line sets it for itself ({@link AuditTrail}). The failure events before
 * the error handler runs are not listened to, so its log lines still name the certificate.
 */
public final class CertificateLogContext extends EventNotifierSupport {

    public CertificateLogContext() {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        MDC.remove(AuditTrail.MDC_CERTIFICATE);
    }
}

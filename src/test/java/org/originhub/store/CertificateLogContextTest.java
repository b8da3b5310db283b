package org.originhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The certificate id stays in the log context while an exchange runs, its error handling included, and no longer. */
class CertificateLogContextTest {

    private final List<String> seenByErrorHandler = new ArrayList<>();
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getManagementStrategy().addEventNotifier(new CertificateLogContext());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).handled(true)
                        .process(exchange -> seenByErrorHandler.add(MDC.get(AuditTrail.MDC_CERTIFICATE)));
                from("direct:certificate").process(exchange -> MDC.put(AuditTrail.MDC_CERTIFICATE, "TH-2026-0001"))
                        .to("direct:stage");
                from("direct:stage").process(exchange -> {
                    if ("fail".equals(exchange.getIn().getBody())) {
                        throw new IllegalStateException("a stage fails");
                    }
                    if ("crash".equals(exchange.getIn().getBody())) {
                        throw new IllegalArgumentException("a stage fails, and nothing handles it");
                    }
                });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        MDC.clear();
        camel.stop();
    }

    @Test
    void aCertificatesIdLeavesTheThreadsLogContextWhenItsExchangeEnds() {
        producer.sendBody("direct:certificate", "ok");

        assertThat(MDC.get(AuditTrail.MDC_CERTIFICATE)).isNull();
    }

    @Test
    void theErrorHandlerOfAFailedStageStillRunsUnderTheCertificateAndTheIdLeavesAfterIt() {
        producer.sendBody("direct:certificate", "fail");

        assertThat(seenByErrorHandler).containsExactly("TH-2026-0001");
        assertThat(MDC.get(AuditTrail.MDC_CERTIFICATE)).isNull();
    }

    @Test
    void anExchangeThatFailsUnhandledLeavesNoCertificateIdBehindEither() {
        assertThatThrownBy(() -> producer.sendBody("direct:certificate", "crash"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);

        assertThat(MDC.get(AuditTrail.MDC_CERTIFICATE)).isNull();
    }
}

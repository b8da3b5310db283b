package org.originhub.config;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP client that delivers to partners, over http and https alike (two instances of one Camel component). */
@Configuration
class HttpDeliveryClient {

    /**
     * A partner's retry policy is the only retry of a delivery. Apache HttpClient would otherwise repeat a POST answered
     * 503 or 429 by itself, after the partner's Retry-After (a hub that cannot persist asks for 30 s): a delivery
     * consumer held that long, and an attempt neither counted nor audited (DeliveryReliabilityTest).
     */
    @Bean
    ComponentCustomizer noRetriesBehindTheRetryPolicy() {
        return ComponentCustomizer.forType(HttpComponent.class, http -> http.setAutomaticRetriesDisabled(true));
    }
}

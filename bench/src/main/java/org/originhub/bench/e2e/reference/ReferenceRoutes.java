package org.originhub.bench.e2e.reference;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;

/**
 * The hub's pipeline as a plain Camel route, the yardstick for the hub's own overhead: national schema, mapping to
 * canonical (the hub's stylesheet on Saxon), a persistent send as a BytesMessage (the hub's delivery queue carries
 * bytes), then a transacted consumer with the hub's settings for its delivery queues (4 consumers, CACHE_CONSUMER).
 * No database, audit, utility blocks, signature or canonical schema: that is what the comparison prices.
 */
final class ReferenceRoutes extends RouteBuilder {

    static final String INGESTED_AT = "BenchIngestNanos";

    private final ConsumedLatencies consumed;
    private final int consumers;
    private final String resources;

    /**
     * @param resources the folder holding the hub's xsd/ and xslt/, as a file: URI ending in a slash. Not classpath:
     *                  the stylesheets find their code lists with resolve-uri(static-base-uri()), which a classpath:
     *                  base cannot resolve
     */
    ReferenceRoutes(ConsumedLatencies consumed, int consumers, String resources) {
        this.consumed = consumed;
        this.consumers = consumers;
        this.resources = resources;
    }

    @Override
    public void configure() {
        from("direct:ingest").routeId("reference-ingest")
                .to("validator:" + resources + "xsd/national/formd-xml-1.0.xsd")
                .to("xslt:" + resources + "xslt/formd-xml/formd-xml-to-canonical.xsl?transformerFactory=#saxonFactory"
                        + "&output=bytes")
                .to(ExchangePattern.InOnly, "jms:queue:reference.canonical?deliveryPersistent=true&jmsMessageType=Bytes");

        from("jms:queue:reference.canonical?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=" + consumers)
                .routeId("reference-consume")
                .process(exchange -> consumed.record(exchange.getMessage().getHeader(INGESTED_AT, Long.class)));
    }
}

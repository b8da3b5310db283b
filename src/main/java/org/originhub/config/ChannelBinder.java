package org.originhub.config;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Instantiates the channel route templates (routes/templates/) once per configured source and partner:
 * {@code receive-file-drop-<source>}, {@code receive-jms-queue-<source>}, {@code deliver-http-<partner>}.
 * Adding a source or partner is a YAML file; the templates stay as they are.
 */
public class ChannelBinder implements CamelContextConfiguration {

    private final HubDirectory directory;
    private final HubProperties properties;

    public ChannelBinder(HubDirectory directory, HubProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        // templates are loaded with the routes; instances are added once the context is up
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        for (SourceDefinition source : directory.sources()) {
            if (source.accepts(SourceDefinition.Channel.file)) {
                TemplatedRouteBuilder.builder(context, "receive-file-drop")
                        .routeId("receive-file-drop-" + source.id())
                        .parameter("sourceId", source.id())
                        .parameter("directory", Path.of(properties.dataDir(), "inbox", source.id()).toString())
                        .add();
            }
            if (source.accepts(SourceDefinition.Channel.jms)) {
                TemplatedRouteBuilder.builder(context, "receive-jms-queue")
                        .routeId("receive-jms-queue-" + source.id())
                        .parameter("sourceId", source.id())
                        .parameter("queue", "originhub.ingest." + source.id())
                        .add();
            }
        }
        for (PartnerDefinition partner : directory.partners()) {
            RetryPolicy policy = directory.retryPolicy(partner.retryPolicy());
            TemplatedRouteBuilder.builder(context, "deliver-" + partner.channel())
                    .routeId("deliver-" + partner.channel() + "-" + partner.id())
                    .parameter("partnerId", partner.id())
                    .parameter("endpoint", partner.endpoint())
                    .parameter("maximumRedeliveries", policy.maximumRedeliveries())
                    .parameter("redeliveryDelay", policy.initialDelay())
                    .parameter("backOffMultiplier", policy.multiplier())
                    .parameter("maximumRedeliveryDelay", policy.maximumDelay())
                    .add();
        }
    }
}

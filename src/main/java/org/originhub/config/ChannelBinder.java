package org.originhub.config;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.originhub.exchange.BatchSchedules;
import org.originhub.exchange.StrandedCertificates;
import org.originhub.sftp.FileClaims;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Instantiates the channel route templates (routes/templates/) once per configured source and partner:
 * {@code receive-file-drop-<source>}, {@code receive-jms-queue-<source>}, {@code receive-sftp-<source>},
 * {@code deliver-<channel>-<partner>}.
 * Adding a source or partner is a YAML file; the templates stay as they are.
 */
public class ChannelBinder implements CamelContextConfiguration, DisposableBean {

    /**
     * What the hub uploads (reports, ACKs, batches) is written under a .part name and renamed when complete, so the
     * other side never reads half a file; their folders' consumers ignore *.part.
     */
    private static final String WHOLE_FILES = "&tempFileName=${file:onlyname}.part";

    /** Spring Boot's pooled connection factory to the hub's own broker. */
    private static final String HUB_CONNECTION_FACTORY = "jmsConnectionFactory";

    private final List<JmsPoolConnectionFactory> remoteFactories = new ArrayList<>();

    private final HubDirectory directory;
    private final HubProperties properties;
    private final JdbcTemplate jdbc;
    private final BatchSchedules batchSchedules;
    private final StrandedCertificates stranded;
    private final org.originhub.security.ExchangeTls tls;

    public ChannelBinder(HubDirectory directory, HubProperties properties, JdbcTemplate jdbc, BatchSchedules batchSchedules,
            StrandedCertificates stranded, org.originhub.security.ExchangeTls tls) {
        this.tls = tls;
        this.directory = directory;
        this.properties = properties;
        this.jdbc = jdbc;
        this.batchSchedules = batchSchedules;
        this.stranded = stranded;
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
            if (source.accepts(SourceDefinition.Channel.sftp)) {
                bindSftpSource(context, source);
            }
            if (source.accepts(SourceDefinition.Channel.jms)) {
                JmsSettings jms = source.jms();
                TemplatedRouteBuilder.builder(context, "receive-jms-queue")
                        .routeId("receive-jms-queue-" + source.id())
                        .parameter("sourceId", source.id())
                        .parameter("queue", jms != null && jms.queue() != null ? jms.queue() : "originhub.ingest." + source.id())
                        .parameter("connectionFactory", connectionFactory(context, "source-" + source.id(), jms))
                        .add();
            }
        }
        bindPartners(context);
    }

    /**
     * SFTP ingest from a national outbox, each file claimed once ({@link #claimingConsumer}). A file still being
     * written is left alone: until its done file exists (done-file convention), or while it still has its
     * temporary name, *.part or *.tmp (rename convention, excluded by the route). A file is downloaded to
     * {@code <data-dir>/work/sftp/<source>/}, not into memory, so that a batch file of any size can be read from there
     * as a stream; Camel deletes it there once the file is processed.
     */
    private void bindSftpSource(CamelContext context, SourceDefinition source) {
        SftpSettings sftp = source.sftp();
        if (sftp == null) {
            throw new IllegalStateException("source " + source.id() + " lists the sftp channel but has no sftp settings");
        }
        Path work = Path.of(properties.dataDir(), "work", "sftp", source.id()).toAbsolutePath();
        String consumer = claimingConsumer(context, sftp, source.id(), source.pullSchedule())
                + "&localWorkDirectory=" + work
                + (source.waitsForDoneFile() ? "&doneFileName=${file:name}.done" : "");
        TemplatedRouteBuilder.builder(context, "receive-sftp")
                .routeId("receive-sftp-" + source.id())
                .parameter("sourceId", source.id())
                .parameter("consumer", consumer)
                .parameter("producer", sftp.endpointUri() + WHOLE_FILES)
                .add();
    }

    private void bindPartners(CamelContext context) {
        // before any delivery consumer runs, so that every message still on a queue is visible to the check
        stranded.recover();
        for (PartnerDefinition partner : directory.partners()) {
            if (partner.inbound() != null) {
                bindPartnerInbound(context, partner);
            }
            if (partner.batched()) {
                bindBatchedPartner(context, partner);
                continue;
            }
            // the partner's retry policy is applied by the broker (DeliveryQueues) and by DeliveryAttempts.budgetSpent
            TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(context, "deliver-" + partner.channel())
                    .routeId("deliver-" + partner.channel() + "-" + partner.id())
                    .parameter("partnerId", partner.id());
            switch (partner.channel()) {
                case http -> {
                    route.parameter("endpoint", httpEndpoint(context, partner));
                    if (partner.concurrentDeliveries() != null) {
                        route.parameter("concurrentConsumers", partner.concurrentDeliveries());
                    }
                }
                case sftp -> route.parameter("endpoint", partner.sftp().endpointUri());
                case jms -> route.parameter("queue", partner.jms().queue())
                        .parameter("connectionFactory", connectionFactory(context, "partner-" + partner.id(), partner.jms()));
                case file -> route.parameter("directory", partner.directory());
            }
            route.add();
        }
    }

    /**
     * A partner hub's endpoint; over https, with a TLS context of its own: the hub's key, only that partner's
     * certificate trusted, and the host name verified (Camel's default verifier).
     */
    private String httpEndpoint(CamelContext context, PartnerDefinition partner) {
        if (!partner.endpoint().startsWith("https:")) {
            return partner.endpoint();
        }
        if (!tls.enabled()) {
            throw new IllegalStateException("partner " + partner.id() + " has an https endpoint but mutual TLS is off"
                    + " (originhub.exchange.tls.enabled)");
        }
        String name = "partnerTls-" + partner.id();
        javax.net.ssl.SSLContext ssl = tls.clientContext(partner.id());
        context.getRegistry().bind(name, new org.apache.camel.support.jsse.SSLContextParameters() {
            @Override
            public javax.net.ssl.SSLContext createSSLContext(CamelContext camelContext) {
                return ssl;
            }
        });
        return partner.endpoint() + (partner.endpoint().contains("?") ? "&" : "?") + "sslContextParameters=#" + name;
    }

    /** A partner that leaves envelopes for us in its SFTP directory: fetched once each, like a national outbox. */
    private void bindPartnerInbound(CamelContext context, PartnerDefinition partner) {
        SftpSettings sftp = partner.inbound().sftp();
        String consumer = claimingConsumer(context, sftp, "partner-" + partner.id(), partner.inbound().pullSchedule());
        TemplatedRouteBuilder.builder(context, "receive-partner-sftp")
                .routeId("receive-partner-sftp-" + partner.id())
                .parameter("partnerId", partner.id())
                .parameter("consumer", consumer)
                .parameter("producer", sftp.endpointUri() + WHOLE_FILES)
                .add();
    }

    /**
     * An SFTP directory read with claims in the shared database: the in-progress repository (one hub instance
     * reads a file; a claim older than 10 minutes, left by a reader that crashed, is taken over) and the idempotent
     * repository (processed files, keyed on name, size and time: a restart never reads one again). Polled, or
     * fetched at the times of {@code pullSchedule} (a Quartz cron).
     */
    private String claimingConsumer(CamelContext context, SftpSettings sftp, String name, String pullSchedule) {
        String inProgress = "sftpInProgress-" + name;
        String processed = "sftpProcessed-" + name;
        context.getRegistry().bind(inProgress, new FileClaims(jdbc, "sftp-in-progress:" + name, Duration.ofMinutes(10)));
        context.getRegistry().bind(processed, new FileClaims(jdbc, "sftp-processed:" + name,
                Duration.parse(context.resolvePropertyPlaceholders("{{originhub.sftp.processed-memory}}"))));
        return sftp.endpointUri() + "&inProgressRepository=#" + inProgress
                + "&idempotent=true&idempotentEager=false&idempotentRepository=#" + processed
                + "&idempotentKey=${file:name}-${file:size}-${file:modified}"
                + (pullSchedule == null ? "" : "&scheduler=quartz&scheduler.triggerGroup=originhub-pull&scheduler.triggerId="
                        + name + "&scheduler.cron=" + pullSchedule.trim().replace(' ', '+'));
    }

    /** A batched partner: its queue feeds the store, and a Quartz schedule sends what waits as one file. */
    private void bindBatchedPartner(CamelContext context, PartnerDefinition partner) {
        String target = switch (partner.channel()) {
            case sftp -> partner.sftp().endpointUri() + WHOLE_FILES;
            case file -> "file:" + partner.directory() + "?tempFileName=${file:name}.part";
            case http -> partner.endpoint();
            case jms -> throw new IllegalStateException("partner " + partner.id() + ": batches go over sftp, file or http");
        };
        TemplatedRouteBuilder.builder(context, "hold-for-batch")
                .routeId("hold-for-batch-" + partner.id())
                .parameter("partnerId", partner.id())
                .add();
        TemplatedRouteBuilder.builder(context, "deliver-batch")
                .routeId("deliver-batch-" + partner.id())
                .parameter("partnerId", partner.id())
                .parameter("cron", partner.batch().cron().trim().replace(' ', '+'))
                .parameter("target", target)
                .add();
        batchSchedules.catchUp(partner);
    }

    /**
     * The connection factory for a queue: the hub's own broker, or a pooled connection to the remote broker the
     * settings name (registered under {@code jms-<name>} and closed with the hub).
     */
    private String connectionFactory(CamelContext context, String name, JmsSettings jms) {
        if (jms == null || !jms.remote()) {
            return HUB_CONNECTION_FACTORY;
        }
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(new ActiveMQConnectionFactory(jms.brokerUrl(), jms.username(), jms.password()));
        pool.setMaxConnections(2);
        remoteFactories.add(pool);
        context.getRegistry().bind("jms-" + name, pool);
        return "jms-" + name;
    }

    @Override
    public void destroy() {
        remoteFactories.forEach(JmsPoolConnectionFactory::stop);
    }
}

package org.originhub.config;

import java.io.IOException;
import java.net.URL;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.originhub.api.BlockQueries;
import org.originhub.api.CertificateQueries;
import org.originhub.block.BlockEnforcer;
import org.originhub.block.BlockRegistry;
import org.originhub.format.XsltEngine;
import org.originhub.api.ProblemAnswers;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.CodeList;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.exchange.DeliveryAttempts;
import org.originhub.exchange.ExchangeReceiver;
import org.originhub.exchange.NationalHandover;
import org.originhub.format.NationalFormats;
import org.originhub.ingest.CertificatePipeline;
import org.originhub.ingest.DocumentIntake;
import org.originhub.rules.BusinessRules;
import org.originhub.signature.DocumentSignatures;
import org.originhub.store.AuditChainOperations;
import org.originhub.store.AuditChainSealer;
import org.originhub.store.AuditChainVerifier;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateLogContext;
import org.originhub.store.CertificateStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The hub's beans, named as the routes call them ({@code bean: certificatePipeline?method=transform}). */
@Configuration(proxyBeanMethods = false)
public class HubBeans {

    private static URL url(String location) {
        try {
            return new PathMatchingResourcePatternResolver().getResource(location).getURL();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find " + location, e);
        }
    }

    private static String folder(String location) {
        return location.endsWith("/") ? location : location + "/";
    }

    @Bean
    XsltEngine xsltEngine(HubProperties properties) {
        return new XsltEngine(url(folder(properties.xsltLocation())), url(folder(properties.xsdLocation())));
    }

    @Bean
    NationalFormats nationalFormats(XsltEngine engine, HubProperties properties) {
        return NationalFormats.load(engine, properties.formatsLocation(), properties.xsltLocation(), properties.xsdLocation());
    }

    @Bean
    BlockRegistry blockRegistry(HubProperties properties, HubDirectory directory, XsltEngine engine) {
        return new BlockRegistry(properties.blocksLocation(), directory, properties.hub(), engine.processor());
    }

    @Bean
    BlockEnforcer blockEnforcer(BlockRegistry registry, XsltEngine engine) {
        return new BlockEnforcer(registry, engine);
    }

    @Bean
    BlockQueries blockQueries(BlockRegistry registry, CertificateStore store) {
        return new BlockQueries(registry, store);
    }

    @Bean
    HubDirectory hubDirectory(HubProperties properties, Environment environment, NationalFormats formats) {
        return HubDirectory.load(properties, environment, formats);
    }

    @Bean
    CanonicalModel canonicalModel(HubProperties properties) {
        return new CanonicalModel(url(folder(properties.xsdLocation()) + "canonical/v1/originhub-envelope.xsd"));
    }

    @Bean
    BusinessRules businessRules(HubProperties properties) {
        String lists = folder(properties.xsltLocation()) + "codelists/canonical/";
        return new BusinessRules(CodeList.load(url(lists + "countries.xml")), CodeList.load(url(lists + "currencies.xml")),
                CodeList.load(url(lists + "units.xml")), CodeList.load(url(lists + "packages.xml")));
    }

    @Bean
    EnvelopeFactory envelopeFactory() {
        return new EnvelopeFactory();
    }

    @Bean
    CertificateStore certificateStore(JdbcTemplate jdbc) {
        return new CertificateStore(jdbc);
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc) {
        return new AuditTrail(jdbc);
    }

    /** The certificate id leaves the log context when an exchange ends ({@link CertificateLogContext}). */
    @Bean
    CamelContextConfiguration certificateLogContext() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getManagementStrategy().addEventNotifier(new CertificateLogContext());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once the routes run
            }
        };
    }

    /** Hash-chains committed audit rows, called by the route seal-audit-chain (tamper evidence, docs/security.md). */
    @Bean
    AuditChainSealer auditChainSealer(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AuditChainSealer(jdbc, transactions);
    }

    @Bean
    AuditChainVerifier auditChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AuditChainVerifier(jdbc, transactions);
    }

    @Bean
    AuditChainOperations auditChainOperations(AuditChainVerifier verifier, HubProperties properties) {
        return new AuditChainOperations(verifier, properties.hub().name());
    }

    @Bean
    DocumentIntake documentIntake(NationalFormats formats, HubDirectory directory, AuditTrail audit, HubProperties properties) {
        return new DocumentIntake(formats, directory, audit, properties.ingest().maxBytes(),
                properties.ingest().maxBatchBytes());
    }

    @Bean
    DocumentSignatures documentSignatures(HubProperties properties, HubDirectory directory, ResourceLoader resources) {
        return SignatureSetup.create(properties.signing(), directory, resources);
    }

    @Bean
    org.originhub.ingest.JmsDocuments jmsDocuments(HubProperties properties) {
        return new org.originhub.ingest.JmsDocuments(properties.ingest().maxBytes());
    }

    @Bean
    CertificatePipeline certificatePipeline(NationalFormats formats, CanonicalModel canonical, BusinessRules rules,
            BlockEnforcer blocks, HubProperties properties, EnvelopeFactory envelopes, DocumentSignatures signatures,
            CertificateStore store, AuditTrail audit) {
        return new CertificatePipeline(formats, canonical, rules, blocks, properties.hub(), envelopes, signatures, store,
                audit);
    }

    @Bean
    DeliveryAttempts deliveryAttempts(CertificateStore store, AuditTrail audit, CanonicalModel canonical,
            NationalFormats formats, HubDirectory directory, DocumentSignatures signatures,
            PlatformTransactionManager transactions) {
        return new DeliveryAttempts(store, audit, canonical, formats, directory, signatures, transactions);
    }

    @Bean
    org.originhub.exchange.BatchExchanges batchExchanges(CertificateStore store, AuditTrail audit, CanonicalModel canonical,
            NationalFormats formats, HubDirectory directory) {
        return new org.originhub.exchange.BatchExchanges(store, audit, canonical, formats, directory);
    }

    @Bean
    ExchangeReceiver exchangeReceiver(CanonicalModel canonical, EnvelopeFactory envelopes, DocumentSignatures signatures,
            HubDirectory directory, BlockEnforcer blocks, HubProperties properties, BusinessRules rules,
            CertificateStore store, AuditTrail audit) {
        return new ExchangeReceiver(canonical, envelopes, signatures, directory, blocks, properties.hub(), rules, store,
                audit, properties.ingest().maxBytes());
    }

    @Bean
    NationalHandover nationalHandover(NationalFormats formats, HubProperties properties, AuditTrail audit) {
        return new NationalHandover(formats, properties.nationalTarget(), audit);
    }

    @Bean
    CertificateQueries certificateQueries(CertificateStore store, AuditTrail audit) {
        return new CertificateQueries(store, audit);
    }

    @Bean
    org.originhub.exchange.DeadLetters deadLetters(CertificateStore store, AuditTrail audit,
            jakarta.jms.ConnectionFactory connectionFactory,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        return new org.originhub.exchange.DeadLetters(store, audit, connectionFactory, transactions);
    }

    @Bean
    org.originhub.exchange.DeadLetterOperations deadLetterOperations(org.originhub.exchange.DeadLetters deadLetters,
            HubProperties properties) {
        return new org.originhub.exchange.DeadLetterOperations(deadLetters, properties.hub().name());
    }

    @Bean
    org.originhub.security.SourceKeys sourceKeys(HubDirectory directory) {
        return new org.originhub.security.SourceKeys(directory);
    }

    /** SourceKeys runs in the security filter chain only, not a second time as a plain servlet filter. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<org.originhub.security.SourceKeys> sourceKeysOnlyInTheChain(
            org.originhub.security.SourceKeys keys) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(keys);
        registration.setEnabled(false);
        return registration;
    }

    /** Mutual TLS between hubs (off in the demo: originhub.exchange.tls.enabled). */
    @Bean
    org.originhub.security.ExchangeTls exchangeTls(HubDirectory directory,
            org.springframework.core.io.ResourceLoader resources,
            @org.springframework.beans.factory.annotation.Value("${originhub.exchange.tls.enabled}") boolean enabled,
            @org.springframework.beans.factory.annotation.Value("${originhub.exchange.tls.port}") int port,
            @org.springframework.beans.factory.annotation.Value("${originhub.exchange.tls.key-store}") String keyStore,
            @org.springframework.beans.factory.annotation.Value("${originhub.exchange.tls.key-store-password}") String password) {
        return enabled ? org.originhub.security.ExchangeTls.load(port, keyStore, password, directory, resources)
                : org.originhub.security.ExchangeTls.disabled();
    }

    @Bean
    org.originhub.security.ExchangeConnector exchangeConnector(org.originhub.security.ExchangeTls tls) {
        return new org.originhub.security.ExchangeConnector(tls);
    }

    @Bean
    org.originhub.security.PartnerTransport partnerTransport(org.originhub.security.ExchangeTls tls, HubDirectory directory) {
        return new org.originhub.security.PartnerTransport(tls, directory);
    }

    @Bean
    org.originhub.api.Operators operators() {
        return new org.originhub.api.Operators();
    }

    @Bean
    ProblemAnswers problemAnswers() {
        return new ProblemAnswers();
    }

    @Bean
    org.originhub.ingest.OutcomeCollector outcomeCollector(org.originhub.ingest.CertificatePipeline certificatePipeline) {
        return new org.originhub.ingest.OutcomeCollector(certificatePipeline);
    }

    /**
     * The embedded broker is named after the hub (two hubs in one JVM, as in the tests, keep apart in JMX), and its
     * NIO journal flushes within 0.5 ms instead of the default 3.3 ms: the measured 5x on persistent sends. Partner
     * queues redeliver on the partner's retry policy (DeliveryQueues).
     */
    @Bean
    org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer brokerTuning(HubProperties properties,
            HubDirectory directory,
            @org.springframework.beans.factory.annotation.Value("${originhub.broker.acceptor-url:}") String acceptor,
            @org.springframework.beans.factory.annotation.Value("${originhub.broker.max-disk-usage:90}")
            int maxDiskUsage,
            @org.springframework.beans.factory.annotation.Value("${originhub.broker.global-max-size:64MB}")
            org.springframework.util.unit.DataSize globalMaxSize) {
        return configuration -> {
            configuration.setName(properties.hub().name());
            configuration.setJournalBufferTimeout_NIO(500_000);
            // a backlog beyond this is paged to disk; Artemis' own default is half the heap the hub works in
            configuration.setGlobalMaxSize(globalMaxSize.toBytes());
            // above this share of the disk the broker refuses to persist, and the hub answers 503 (PersistenceGuard)
            configuration.setMaxDiskUsage(maxDiskUsage);
            DeliveryQueues.configure(configuration, directory);
            if (acceptor != null && !acceptor.isBlank()) {
                // national systems and partner hubs reach the embedded broker over TCP
                try {
                    configuration.addAcceptorConfiguration("tcp", acceptor);
                } catch (Exception e) {
                    throw new IllegalStateException("bad originhub.broker.acceptor-url " + acceptor, e);
                }
            }
        };
    }

    /** The demo's SFTP server (a national system's outbox); off unless originhub.sftp.embedded.enabled=true. */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "originhub.sftp.embedded.enabled",
            havingValue = "true")
    org.originhub.sftp.EmbeddedSftpServer embeddedSftpServer(HubProperties properties,
            @org.springframework.beans.factory.annotation.Value("${originhub.sftp.embedded.host}") String host,
            @org.springframework.beans.factory.annotation.Value("${originhub.sftp.embedded.port}") int port,
            @org.springframework.beans.factory.annotation.Value("${originhub.sftp.embedded.username}") String username,
            @org.springframework.beans.factory.annotation.Value("${originhub.sftp.embedded.password}") String password)
            throws java.io.IOException {
        java.nio.file.Path data = java.nio.file.Path.of(properties.dataDir());
        return new org.originhub.sftp.EmbeddedSftpServer(host, port, data.resolve("sftp"), data.resolve("sftp-host-key.pem"),
                username, password);
    }

    @Bean
    ChannelBinder channelBinder(HubDirectory directory, HubProperties properties, JdbcTemplate jdbc,
            org.quartz.Scheduler scheduler, org.originhub.exchange.StrandedCertificates stranded,
            org.originhub.security.ExchangeTls tls) {
        return new ChannelBinder(directory, properties, jdbc, new org.originhub.exchange.BatchSchedules(jdbc, scheduler),
                stranded, tls);
    }

    @Bean
    org.originhub.exchange.StrandedCertificates strandedCertificates(CertificateStore store, AuditTrail audit,
            jakarta.jms.ConnectionFactory connectionFactory,
            org.springframework.beans.factory.ObjectProvider<org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ> broker) {
        return new org.originhub.exchange.StrandedCertificates(store, audit, connectionFactory, broker.getIfAvailable());
    }

    /** 503 instead of 202 while the hub cannot persist; also the "persistenceGuard" health component. */
    @Bean
    org.originhub.ingest.PersistenceGuard persistenceGuard(HubProperties properties,
            org.springframework.beans.factory.ObjectProvider<org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ> broker,
            @org.springframework.beans.factory.annotation.Value("${originhub.ingest.min-free-disk-mb:64}") long minimumFreeMb) {
        return new org.originhub.ingest.PersistenceGuard(broker.getIfAvailable(), java.nio.file.Path.of(properties.dataDir()),
                minimumFreeMb << 20);
    }
}

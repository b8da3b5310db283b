package org.originhub.bench.e2e.reference;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * An embedded, persistent Artemis configured as the hub's: what Spring Boot's embedded factory sets (NIO journal,
 * security off, in-VM acceptor, DLQ and expiry addresses) plus the hub's own tuning (HubBeans.brokerTuning: journal
 * buffer timeout 0.5 ms, max disk usage 90 %), and the client pool of spring.artemis.pool (4 connections).
 */
final class ReferenceBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();

    ReferenceBroker(Path data) throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setName("reference")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("largemessages").toString())
                .setJournalBufferTimeout_NIO(500_000)
                .setMaxDiskUsage(90)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName()))
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue")));
        server.setConfiguration(configuration);
        server.start();
        pool.setConnectionFactory(new ActiveMQConnectionFactory(false,
                new TransportConfiguration(InVMConnectorFactory.class.getName())));
        pool.setMaxConnections(4);
    }

    JmsPoolConnectionFactory connectionFactory() {
        return pool;
    }

    @Override
    public void close() throws Exception {
        pool.stop();
        server.stop();
    }
}

package org.originhub.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueDrainTest {

    private static final String QUEUE = "originhub.delivery.vn";

    @TempDir
    Path data;

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private String url;

    @BeforeEach
    void startBroker() throws Exception {
        url = "tcp://127.0.0.1:" + RunContext.freePort();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .addAcceptorConfiguration("tcp", url));
        broker.start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void takesEveryMessageOffTheQueueAndCommitsIt() throws Exception {
        send(30);
        try (QueueDrain drain = new QueueDrain(url, QUEUE, 2)) {
            awaitDrained(drain, 30);
            send(20);
            awaitDrained(drain, 50);
            // asked while the drain is connected: the broker deletes an auto-created queue left empty and unconsumed
            Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(QUEUE));
            assertThat(queue.getMessageCount()).isZero();
            assertThat(queue.getMessagesAcknowledged()).isEqualTo(50);
        }
    }

    private void send(int count) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            for (int i = 0; i < count; i++) {
                producer.send(session.createBytesMessage());
            }
        }
    }

    private static void awaitDrained(QueueDrain drain, long count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (drain.drained() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(drain.drained()).isEqualTo(count);
    }
}

package org.originhub.bench.e2e;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Consumes a hub's delivery queue over the hub's TCP acceptor and throws the messages away, as the reference's
 * consumer does with its queue: the same number of consumers, each message received and committed in its own
 * transaction. Why: with nothing taking them, the sending hub's queue grows by hundreds of certificates a second and
 * its broker pages them to disk (originhub.broker.global-max-size), so every send also syncs a page file; the
 * reference's queue, consumed as it fills, never pages. With the drain, the same hub code went from 55–56 % of the
 * reference's rate to 66–67 % (docs/performance.md, "The sender's queue drained").
 */
final class QueueDrain implements AutoCloseable {

    private final Connection connection;
    private final List<Thread> consumers = new ArrayList<>();
    private final AtomicLong drained = new AtomicLong();
    private volatile boolean running = true;

    QueueDrain(String brokerUrl, String queue, int consumerCount) throws IOException {
        try {
            connection = new ActiveMQConnectionFactory(brokerUrl).createConnection();
        } catch (JMSException e) {
            throw new IOException("cannot drain " + queue + ": no connection to " + brokerUrl, e);
        }
        try {
            for (int i = 0; i < consumerCount; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                Thread thread = new Thread(() -> consume(session, consumer), "drain-" + queue + "-" + i);
                thread.setDaemon(true);
                consumers.add(thread);
            }
            connection.start();
        } catch (JMSException | RuntimeException e) {
            close(connection);
            throw new IOException("cannot drain " + queue, e);
        }
        consumers.forEach(Thread::start);
    }

    private void consume(Session session, MessageConsumer consumer) {
        try {
            while (running) {
                if (consumer.receive(200) != null) {
                    session.commit();
                    drained.incrementAndGet();
                }
            }
        } catch (JMSException e) {
            if (running) {
                RunContext.say("drain stopped: " + e);
            }
        }
    }

    /** Messages taken off the queue and committed so far. */
    long drained() {
        return drained.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread consumer : consumers) {
            consumer.join(2000);
        }
        close(connection);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (JMSException e) {
            RunContext.say("drain: connection did not close: " + e);
        }
    }
}

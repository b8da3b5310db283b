package org.originhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.originhub.support.DemoHubTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** The demo hub's own broker client, as {@link BrokerClientTuning} leaves it, against the embedded broker. */
class BrokerClientTuningTest extends DemoHubTestBase {

    @Autowired
    private JmsTemplate jms;

    @Test
    void theHubsBrokerClientRemembersTheQueuesItHasCheckedSoASendAsksTheBrokerNothingFirst() {
        assertThat(artemis().isCacheDestinations()).isTrue();
    }

    @Test
    void theHubsSessionPoolTakesSessionsBackWithoutRollingBackWhatWasAlreadyCommitted() {
        assertThat(jms.getConnectionFactory()).isInstanceOfSatisfying(JmsPoolConnectionFactory.class,
                pool -> assertThat(pool.getConnectionFactory()).isInstanceOf(SkipEmptyRollbacks.class));
    }

    @Test
    void onTheRealBrokerACommittedSendIsDeliveredAndASendClosedUncommittedIsNot() throws Exception {
        String queue = "originhub.test.rollbacks." + UUID.randomUUID();
        try (var connection = jms.getConnectionFactory().createConnection()) {
            connection.start();
            for (String text : new String[] {"committed", "left uncommitted", "committed again"}) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
                if (text.startsWith("committed")) {
                    session.commit();
                }
                session.close();
            }

            Session reader = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = reader.createConsumer(reader.createQueue(queue));
            assertThat(text(consumer.receive(10_000))).isEqualTo("committed");
            assertThat(text(consumer.receive(10_000))).isEqualTo("committed again");
            assertThat(consumer.receive(500)).as("the uncommitted send was rolled back").isNull();
        }
    }

    @Test
    void onTheRealBrokerThePoolTakesCommittedSessionsBackWithoutARollbackPacketWhichItSendsWithoutTheSkip()
            throws Exception {
        assertThat(rollbacksSentByThePool(true)).as("with SkipEmptyRollbacks").isZero();
        assertThat(rollbacksSentByThePool(false)).as("pooled-jms alone, the control").isEqualTo(3);
    }

    /**
     * Three sessions of a pool of the hub's kind, each sending one message, committing and going back to the pool: the
     * rollback packets the broker client then sends, counted by an interceptor on that client alone.
     */
    private int rollbacksSentByThePool(boolean skipEmptyRollbacks) throws Exception {
        ActiveMQConnectionFactory client = new ActiveMQConnectionFactory(artemis().toURI().toString(), artemis().getUser(),
                artemis().getPassword());
        AtomicInteger rollbacks = new AtomicInteger();
        client.getServerLocator().addOutgoingInterceptor((packet, connection) -> {
            if (packet.getType() == PacketImpl.SESS_ROLLBACK) {
                rollbacks.incrementAndGet();
            }
            return true;
        });
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(skipEmptyRollbacks ? new SkipEmptyRollbacks(client) : client);
        String queue = "originhub.test.pool-rollbacks." + UUID.randomUUID();
        try (var connection = pool.createConnection()) {
            for (int i = 0; i < 3; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                session.createProducer(session.createQueue(queue)).send(session.createTextMessage("committed " + i));
                session.commit();
                session.close();
            }
            // counted before the pool closes its sessions for good: what each return to the pool cost
            return rollbacks.get();
        } finally {
            pool.stop();
            client.close();
        }
    }

    private ActiveMQConnectionFactory artemis() {
        ConnectionFactory factory = jms.getConnectionFactory();
        Object client = factory instanceof JmsPoolConnectionFactory pool ? pool.getConnectionFactory() : factory;
        client = client instanceof SkipEmptyRollbacks skipping ? skipping.target() : client;
        return (ActiveMQConnectionFactory) client;
    }

    private static String text(Message message) throws Exception {
        assertThat(message).isNotNull();
        return ((TextMessage) message).getText();
    }
}

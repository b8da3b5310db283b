package org.originhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The real session pool (pooled-jms) over this decorator over a broker client of mocks: which rollbacks reach the
 * broker client when the pool takes a transacted session back.
 */
class SkipEmptyRollbacksTest {

    private final QueueSession session = mock(QueueSession.class, withSettings().extraInterfaces(TopicSession.class));
    private final QueueSender producer = mock(QueueSender.class, withSettings().extraInterfaces(TopicPublisher.class));
    private final Queue queue = mock(Queue.class);
    private final Message message = mock(Message.class);
    private JmsPoolConnectionFactory pool;

    @BeforeEach
    void poolOverMocks() throws Exception {
        QueueConnection connection = mock(QueueConnection.class, withSettings().extraInterfaces(TopicConnection.class));
        ConnectionFactory client = mock(ConnectionFactory.class);
        ConnectionMetaData jms2 = mock(ConnectionMetaData.class);
        when(jms2.getJMSMajorVersion()).thenReturn(2);
        when(connection.getMetaData()).thenReturn(jms2);
        when(client.createConnection()).thenReturn(connection);
        when(connection.createSession(anyBoolean(), anyInt())).thenReturn(session);
        when(session.getTransacted()).thenReturn(true);
        when(session.createProducer(any())).thenReturn(producer);
        when(session.createConsumer(any())).thenReturn(mock(MessageConsumer.class));
        pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(new SkipEmptyRollbacks(client));
    }

    @AfterEach
    void stopPool() {
        pool.stop();
    }

    @Test
    void aSessionThatCommittedWhatItSentIsNotRolledBackWhenThePoolTakesItBack() throws Exception {
        Connection connection = pool.createConnection();
        for (int use = 0; use < 3; use++) {
            Session pooled = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer sender = pooled.createProducer(queue);
            sender.send(message);
            pooled.commit();
            pooled.close();
        }

        assertThat(mockingDetails(producer).getInvocations())
                .filteredOn(call -> call.getMethod().getName().equals("send"))
                .hasSize(3);
        verify(session, times(3)).commit();
        verify(session, never()).rollback();
    }

    @Test
    void aSessionClosedWithASendNotCommittedIsStillRolledBack() throws Exception {
        Session pooled = pool.createConnection().createSession(true, Session.SESSION_TRANSACTED);
        pooled.createProducer(queue).send(message);
        pooled.close();

        verify(session).rollback();
    }

    @Test
    void aSessionThatHasHadAConsumerIsAlwaysRolledBackBecauseWhatItReceivedIsNotSeenHere() throws Exception {
        Session pooled = pool.createConnection().createSession(true, Session.SESSION_TRANSACTED);
        pooled.createConsumer(queue);
        pooled.commit();
        pooled.close();

        verify(session).rollback();
    }

    @Test
    void aSessionThatSentAgainAfterItsCommitIsRolledBackOnTheNextReturn() throws Exception {
        Connection connection = pool.createConnection();
        Session pooled = connection.createSession(true, Session.SESSION_TRANSACTED);
        pooled.createProducer(queue).send(message);
        pooled.commit();
        pooled.close();

        Session again = connection.createSession(true, Session.SESSION_TRANSACTED);
        again.createProducer(queue).send(message);
        again.close();

        verify(session, times(1)).rollback();
    }

    @Test
    void aRollbackTheApplicationAsksForAfterASendReachesTheBroker() throws Exception {
        Session pooled = pool.createConnection().createSession(true, Session.SESSION_TRANSACTED);
        pooled.createProducer(queue).send(message);
        pooled.rollback();
        pooled.close();

        // the application's rollback, then nothing left for the pool's
        verify(session, times(1)).rollback();
    }
}

package org.originhub.config;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;

/**
 * The hub's broker client, between the session pool and Artemis, without the rollbacks that have nothing to undo.
 *
 * <p>pooled-jms rolls back every transacted session it takes back into the pool, committed or not. Each certificate
 * queued is sent in a transacted session that commits with the database transaction and is then closed, so each one
 * paid for a rollback of nothing: with Artemis a blocking session stop and a blocking rollback, two more round trips
 * to the broker for the request to wait on (docs/performance.md). A session seen through this factory lets a rollback
 * through unless it is transacted, has sent nothing since its last commit or rollback, and has never had a consumer:
 * what a consumer received is work a rollback undoes, and it arrives without a call seen here.
 */
final class SkipEmptyRollbacks implements ConnectionFactory {

    private static final Set<String> RECEIVING = Set.of("createConsumer", "createReceiver", "createSubscriber",
            "createDurableSubscriber", "createDurableConsumer", "createSharedConsumer", "createSharedDurableConsumer",
            "createBrowser", "setMessageListener", "run");

    private final ConnectionFactory target;

    SkipEmptyRollbacks(ConnectionFactory target) {
        this.target = target;
    }

    ConnectionFactory target() {
        return target;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connection(target.createConnection());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connection(target.createConnection(userName, password));
    }

    // JMSContext carries its own session, which the pool does not reuse: left as it is.
    @Override
    public JMSContext createContext() {
        return target.createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return target.createContext(userName, password);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return target.createContext(userName, password, sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return target.createContext(sessionMode);
    }

    private static Connection connection(Connection connection) {
        Class<?>[] types = {Connection.class, QueueConnection.class, TopicConnection.class};
        return (Connection) proxy(connection, types, (self, method, args) -> {
            Object result = call(connection, method, args);
            return result instanceof Session session ? new SessionState(session).proxy() : result;
        });
    }

    /** What one session has done since its last commit or rollback; sessions are used by one thread at a time. */
    private static final class SessionState implements InvocationHandler {

        private final Session session;
        private volatile boolean sent;
        private volatile boolean received;

        SessionState(Session session) {
            this.session = session;
        }

        Session proxy() {
            Class<?>[] types = {Session.class, QueueSession.class, TopicSession.class};
            return (Session) SkipEmptyRollbacks.proxy(session, types, this);
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("rollback") && session.getTransacted() && !sent && !received) {
                return null;
            }
            // the pool clears the listener of every session it takes back: that is no consumer
            if (RECEIVING.contains(name) && !(name.equals("setMessageListener") && args[0] == null)) {
                received = true;
            }
            Object result = call(session, method, args);
            if (name.equals("commit") || name.equals("rollback")) {
                sent = false;
            }
            return result instanceof MessageProducer producer ? producer(producer) : result;
        }

        private Object producer(MessageProducer producer) {
            Class<?>[] types = {MessageProducer.class, QueueSender.class, TopicPublisher.class};
            return SkipEmptyRollbacks.proxy(producer, types, (self, method, args) -> {
                if (method.getName().equals("send") || method.getName().equals("publish")) {
                    sent = true;
                }
                return call(producer, method, args);
            });
        }
    }

    /** A proxy with those of the given interfaces that the target has (Artemis's classes have all of them). */
    private static Object proxy(Object target, Class<?>[] interfaces, InvocationHandler handler) {
        Class<?>[] implemented = Arrays.stream(interfaces).filter(type -> type.isInstance(target))
                .toArray(Class<?>[]::new);
        return Proxy.newProxyInstance(SkipEmptyRollbacks.class.getClassLoader(), implemented, (self, method, args) ->
                switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> target.toString();
                    default -> handler.invoke(self, method, args);
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

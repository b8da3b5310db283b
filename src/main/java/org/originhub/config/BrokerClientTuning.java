package org.originhub.config;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's own broker client (Spring Boot's Artemis connection factory, pooled or cached) remembers the queues it
 * has checked. Without it, Artemis asked the broker whether the address and the queue existed before every send:
 * two blocking round trips per certificate queued, each waiting for the broker's thread, and on two cores for a core
 * (docs/performance.md). The hub's queues are never deleted while it runs. The pool also skips the rollbacks that
 * have nothing to undo ({@link SkipEmptyRollbacks}); Spring's caching factory skips them by itself. Factories for
 * national brokers ({@link ChannelBinder}) are left as they are: those queues are someone else's.
 */
@Component
class BrokerClientTuning implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        Object target = bean instanceof JmsPoolConnectionFactory pool ? pool.getConnectionFactory()
                : bean instanceof SingleConnectionFactory single ? single.getTargetConnectionFactory() : bean;
        if (target instanceof ActiveMQConnectionFactory artemis) {
            artemis.setCacheDestinations(true);
            if (bean instanceof JmsPoolConnectionFactory pool) {
                pool.setConnectionFactory(new SkipEmptyRollbacks(artemis));
            }
        }
        return bean;
    }
}

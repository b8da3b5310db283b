package org.originhub.config;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The embedded broker's settings for the hub's queues. A partner's delivery queue redelivers a rolled-back
 * message after its retry policy's delay: the broker keeps the schedule in its journal, so retries survive a
 * restart and a waiting message does not hold a consumer. The broker never gives up on its own (no delivery
 * limit, no silent drop): the hub counts attempts and dead-letters when the policy's budget is spent.
 * An external broker needs the same address settings (docs/reliability.md).
 */
final class DeliveryQueues {

    /** One second between redeliveries of anything else of the hub's (ingest queues while the database is down). */
    private static final long DEFAULT_REDELIVERY_DELAY = 1000;

    static final String HANDOVER_QUEUE = "originhub.handover";
    static final int HANDOVER_GROUP_BUCKETS = 64;

    private DeliveryQueues() {
    }

    /** Every queue of the hub's: redelivered after a second, never given up by the broker itself. */
    private static AddressSettings hubDefaults() {
        return new AddressSettings().setMaxDeliveryAttempts(-1).setRedeliveryDelay(DEFAULT_REDELIVERY_DELAY);
    }

    static void configure(Configuration broker, HubDirectory directory) {
        broker.addAddressSetting("originhub.#", hubDefaults());
        // The hand-over's consumers get each certificate's messages in order (JMSXGroupID, its certificate id). Buckets
        // bound what the broker remembers: a group per bucket, not one per certificate ever received.
        broker.addAddressSetting(HANDOVER_QUEUE, hubDefaults().setDefaultGroupBuckets(HANDOVER_GROUP_BUCKETS));
        for (PartnerDefinition partner : directory.partners()) {
            RetryPolicy policy = directory.retryPolicy(partner.retryPolicy());
            broker.addAddressSetting("originhub.delivery." + partner.id(), hubDefaults()
                    .setRedeliveryDelay(policy.initialDelay())
                    .setRedeliveryMultiplier(policy.multiplier())
                    .setMaxRedeliveryDelay(policy.maximumDelay()));
        }
    }
}

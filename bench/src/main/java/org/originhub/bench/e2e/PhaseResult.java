package org.originhub.bench.e2e;

import java.util.List;
import java.util.Map;

/**
 * The figures of one phase. Rates are certificates per second over the measured window; latencies are milliseconds.
 *
 * @param load             what was offered: "4 clients" or "110 certificates/s"
 * @param documents        documents due in the window
 * @param errors           of those, the ones not answered 202 with every certificate accepted (or never sent)
 * @param ingestPerSecond  certificates accepted (HTTP 202) with the answer inside the window
 * @param answer           HTTP answer time, from the due time (open loop) or the send (closed loop)
 * @param deliveredLabel   what "delivered" means in this phase: ACKed by the partner hub, or taken by the consumer
 * @param deliveredPerSecond certificates delivered inside the window (ACK times on the sender's clock)
 * @param delivery         per certificate due in the window: ingest (RECEIVED) to ACKNOWLEDGED, or ingest to consumed
 * @param fromDueTime      open loop only: from the request's due time to ACKNOWLEDGED (driver and hub share a clock)
 * @param byFormat         delivery latency per national format
 * @param undelivered      certificates due in the window without an ACK when the driver read them after draining
 * @param backlog          certificates accepted but not yet delivered when the window closed
 * @param handedOverPerSecond two hubs only: certificates the receiving hub handed to its national system in the window
 */
record PhaseResult(String name, String description, String load, double windowSeconds, long documents, long errors,
        double ingestPerSecond, Latency answer, String deliveredLabel, Double deliveredPerSecond, Latency delivery,
        Latency fromDueTime, Map<String, Latency> byFormat, Long undelivered, Long backlog,
        Double handedOverPerSecond, List<ResourceMeter.Use> resources) {

    /**
     * What the phase sustained from end to end: the ACK rate, or the receiving hub's hand-over if that was slower. The
     * ACK comes before the hand-over, so a hand-over that falls behind leaves the ACKs untouched and a queue growing.
     */
    Double sustainedPerSecond() {
        if (deliveredPerSecond == null || handedOverPerSecond == null) {
            return deliveredPerSecond;
        }
        return Math.min(deliveredPerSecond, handedOverPerSecond);
    }
}

package org.originhub.store;

/**
 * Every step a certificate can take, with a stable code for log searches and audit reports. Codes are
 * never renumbered: add new ones at the end of their block. OH-1xx ingest, OH-2xx delivery to a
 * partner, OH-3xx receipt from a partner.
 */
public enum AuditEvent {
    RECEIVED("OH-101"),
    TRANSFORMED("OH-102"),
    VALIDATED("OH-103"),
    REJECTED("OH-104"),
    DUPLICATE("OH-105"),
    QUEUED("OH-106"),
    SENT("OH-201"),
    DELIVERY_RETRY("OH-202"),
    ACKNOWLEDGED("OH-203"),
    PARTNER_REJECTED("OH-204"),
    FAILED("OH-205"),
    DELIVERED("OH-206"),
    HELD_FOR_BATCH("OH-207"),
    BATCHED("OH-208"),
    REPLAYED("OH-209"),
    REQUEUED("OH-210"),
    EXCHANGE_RECEIVED("OH-301"),
    ACK_SENT("OH-302"),
    HANDED_TO_NATIONAL("OH-303"),
    HANDOVER_FAILED("OH-304"),
    /** A partner's envelope whose signature is refused (E010, E011, E020): answered RE, nothing else done with it. */
    SIGNATURE_REJECTED("OH-305");

    private final String code;

    AuditEvent(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

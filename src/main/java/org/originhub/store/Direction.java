package org.originhub.store;

/** OUTBOUND: issued here, sent to a partner. INBOUND: received from a partner, handed to the national system. */
public enum Direction { OUTBOUND, INBOUND }

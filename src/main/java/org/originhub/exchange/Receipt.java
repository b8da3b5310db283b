package org.originhub.exchange;

/** What the receiving hub decided about one envelope: the ACK to answer and, if accepted, what to hand over. */
public record Receipt(boolean accepted, byte[] acknowledgement, byte[] envelope, String certificateId, String messageId) {
}

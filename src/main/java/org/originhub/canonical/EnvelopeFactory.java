package org.originhub.canonical;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.originhub.canonical.v1.AckErrorType;
import org.originhub.canonical.v1.AcknowledgementType;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.canonical.v1.MessageTypeCode;
import org.originhub.canonical.v1.PayloadType;
import org.originhub.canonical.v1.ResultCode;
import org.originhub.canonical.v1.SeverityCode;
import org.originhub.format.HubError;

/** Builds the envelopes the hub sends: an ECO around a certificate, an ACK answering a received message. */
public final class EnvelopeFactory {

    /** UNTDID 1225: 9 original, 11 response. */
    public static final String ORIGINAL = "9";
    public static final String RESPONSE = "11";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private final DatatypeFactory datatypes;

    public EnvelopeFactory() {
        try {
            datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public EnvelopeType certificate(CertificateOfOriginType certificate, String senderId, String receiverId) {
        PayloadType payload = new PayloadType();
        payload.setCertificateOfOrigin(certificate);
        return envelope(MessageTypeCode.ECO, ORIGINAL, null, senderId, receiverId, certificate.getAgreementCode(), payload);
    }

    /** The ACK for {@code received}: from its receiver back to its sender, correlated to its message id. */
    public EnvelopeType acknowledgement(EnvelopeType received, ResultCode result, List<HubError> errors) {
        AcknowledgementType ack = new AcknowledgementType();
        ack.setReferencedMessageID(received.getMessageID());
        if (received.getPayload() != null && received.getPayload().getCertificateOfOrigin() != null) {
            ack.setReferencedCertificateID(received.getPayload().getCertificateOfOrigin().getCertificateID());
        }
        ack.setAckLevelCode("BUSINESS");
        ack.setResultCode(result);
        for (HubError error : errors) {
            AckErrorType item = new AckErrorType();
            item.setCode(error.code());
            item.setSeverityCode(error.code().startsWith("W") ? SeverityCode.W : SeverityCode.E);
            if (error.field() != null && !error.field().isEmpty()) {
                item.setPointer(error.field());
            }
            item.setText(error.message());
            ack.getError().add(item);
        }
        ack.setReceivedDateTime(now());
        PayloadType payload = new PayloadType();
        payload.setAcknowledgement(ack);
        return envelope(MessageTypeCode.ACK, RESPONSE, received.getMessageID(), received.getReceiverID(),
                received.getSenderID(), received.getAgreementCode(), payload);
    }

    private EnvelopeType envelope(MessageTypeCode type, String function, String correlationId, String senderId,
            String receiverId, String agreement, PayloadType payload) {
        EnvelopeType envelope = new EnvelopeType();
        envelope.setMessageID(UUID.randomUUID().toString());
        envelope.setMessageTypeCode(type);
        envelope.setFunctionCode(function);
        envelope.setCorrelationID(correlationId);
        envelope.setSenderID(senderId);
        envelope.setReceiverID(receiverId);
        envelope.setAgreementCode(agreement);
        envelope.setSentDateTime(now());
        envelope.setPayload(payload);
        return envelope;
    }

    private XMLGregorianCalendar now() {
        return datatypes.newXMLGregorianCalendar(dateTime(OffsetDateTime.now()));
    }

    /**
     * An xs:dateTime to the millisecond, seconds always written. OffsetDateTime.toString() leaves out seconds and
     * fraction when both are zero ("2026-11-27T10:25Z"), which is no xs:dateTime: one message in 60 000 failed.
     */
    static String dateTime(OffsetDateTime time) {
        return DATE_TIME.format(time);
    }
}

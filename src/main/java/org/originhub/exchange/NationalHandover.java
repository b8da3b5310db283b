package org.originhub.exchange;

import org.apache.camel.Exchange;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.config.HubProperties;
import org.originhub.format.NationalFormats;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.Direction;
import org.originhub.store.Sha256;

/** Renders a received certificate in the national system's format and records that it was handed over. */
public class NationalHandover {

    public static final String CERTIFICATE_ID = "OriginHubCertificateId";
    public static final String MESSAGE_ID = "OriginHubMessageIdProperty";

    private final CanonicalModel canonical;
    private final NationalFormats formats;
    private final HubProperties.NationalTarget target;
    private final AuditTrail audit;

    public NationalHandover(CanonicalModel canonical, NationalFormats formats, HubProperties.NationalTarget target,
            AuditTrail audit) {
        this.canonical = canonical;
        this.formats = formats;
        this.target = target;
        this.audit = audit;
        if (!formats.has(target.format())) {
            throw new IllegalStateException("originhub.national-target.format '" + target.format()
                    + "' is not a configured format " + formats.ids());
        }
    }

    public byte[] render(byte[] envelopeBytes, Exchange exchange) {
        EnvelopeType envelope = canonical.readEnvelope(envelopeBytes);
        String certificateId = envelope.getPayload().getCertificateOfOrigin().getCertificateID();
        exchange.setProperty(CERTIFICATE_ID, certificateId);
        exchange.setProperty(MESSAGE_ID, envelope.getMessageID());
        // The certificate id comes from a partner: keep only characters that are safe in a file name.
        String fileName = certificateId.replaceAll("[^A-Za-z0-9._-]", "_") + "." + formats.descriptor(target.format()).fileExtension();
        exchange.getIn().setHeader(Exchange.FILE_NAME, fileName);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, formats.descriptor(target.format()).mediaType());
        return formats.fromCanonical(target.format(), canonical.certificateOf(envelope));
    }

    public void handedOver(byte[] national, Exchange exchange) {
        audit.record(AuditEvent.HANDED_TO_NATIONAL, new AuditTrail.Subject(Direction.INBOUND,
                exchange.getProperty(CERTIFICATE_ID, String.class), exchange.getProperty(MESSAGE_ID, String.class), null,
                null, Sha256.of(national)), "as " + target.format() + " to " + target.uri());
    }
}

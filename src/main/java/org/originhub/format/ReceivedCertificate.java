package org.originhub.format;

import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.streams.Steps;

/**
 * A certificate envelope the hub has already checked, read once more to render it in a national format: its ids, and
 * its certificate as a document of its own, the input every canonical → national stylesheet expects. The envelope is
 * one a partner sent and the hub checked on receipt (schema, signature, agreement) before queueing it for the
 * hand-over, or one the hub wrote itself. So one Saxon parse is enough: the JAXB read with the schema and the write of
 * the certificate that came before it would only prove again what is already known.
 */
public record ReceivedCertificate(String messageId, String functionCode, String certificateId, String importCountry,
        XdmNode certificate) {

    // CanonicalModel.NAMESPACE, not referenced: the canonical package builds on this one
    private static final String CANONICAL = "urn:originhub:canonical:1";
    private static final QName ENVELOPE = new QName(CANONICAL, "Envelope");
    private static final QName MESSAGE_ID = new QName(CANONICAL, "MessageID");
    private static final QName FUNCTION_CODE = new QName(CANONICAL, "FunctionCode");
    private static final QName PAYLOAD = new QName(CANONICAL, "Payload");
    private static final QName CERTIFICATE = new QName(CANONICAL, "CertificateOfOrigin");
    private static final QName CERTIFICATE_ID = new QName(CANONICAL, "CertificateID");
    private static final QName IMPORT_COUNTRY = new QName(CANONICAL, "ImportCountryCode");

    static ReceivedCertificate of(XsltEngine engine, byte[] envelopeXml) {
        XdmNode envelope = child(engine.parse(envelopeXml), ENVELOPE);
        XdmNode certificate = child(child(envelope, PAYLOAD), CERTIFICATE);
        // a copy, so that the certificate is the document element, as the stylesheets' "/CertificateOfOrigin" asks
        XdmNode document = engine.copy(certificate);
        return new ReceivedCertificate(text(envelope, MESSAGE_ID), text(envelope, FUNCTION_CODE),
                text(certificate, CERTIFICATE_ID), text(certificate, IMPORT_COUNTRY), document);
    }

    private static XdmNode child(XdmNode parent, QName name) {
        return parent.select(Steps.child(name.getNamespace(), name.getLocalName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a certificate envelope: no " + name.getClarkName()
                        + " in " + (parent.getNodeName() == null ? "the document" : parent.getNodeName().getClarkName())));
    }

    private static String text(XdmNode parent, QName name) {
        return child(parent, name).getStringValue().strip();
    }
}

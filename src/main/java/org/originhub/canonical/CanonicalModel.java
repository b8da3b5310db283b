package org.originhub.canonical;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.canonical.v1.ObjectFactory;
import org.originhub.format.HubError;
import org.originhub.xml.SecureXml;
import org.xml.sax.InputSource;

/**
 * The canonical model at run time: its schema (compiled once, the hub's own files only) and its JAXB
 * binding. Every canonical document the hub reads is parsed by the hardened parser and validated; the
 * ones it writes are marshalled from the generated classes.
 */
public final class CanonicalModel {

    public static final String NAMESPACE = "urn:originhub:canonical:1";
    private static final ObjectFactory FACTORY = new ObjectFactory();

    /** A validator is costly to set up and reusable: each thread keeps one ({@link SchemaCheckedReader}). */
    private final ThreadLocal<ValidatorHandler> validators;
    private final JAXBContext context;

    public CanonicalModel(URL envelopeSchema) {
        Schema schema = SecureXml.compileSchema(envelopeSchema);
        this.validators = ThreadLocal.withInitial(schema::newValidatorHandler);
        try {
            this.context = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the canonical JAXB binding does not load", e);
        }
    }

    public CertificateOfOriginType readCertificate(byte[] xml) {
        return unmarshal(xml, CertificateOfOriginType.class);
    }

    /** Reads an envelope, validating while it unmarshals; a schema finding is an {@link InvalidCanonicalDocumentException}. */
    public EnvelopeType readEnvelope(byte[] xml) {
        return unmarshal(xml, EnvelopeType.class);
    }

    /** An envelope read as far as it goes, with every schema finding: enough to answer a broken message with an ACK. */
    public record ParsedEnvelope(EnvelopeType envelope, List<HubError> errors) {
        public boolean valid() {
            return envelope != null && errors.isEmpty();
        }
    }

    public ParsedEnvelope parseEnvelope(byte[] xml) {
        List<HubError> errors = new ArrayList<>();
        try {
            return new ParsedEnvelope(unmarshal(xml, EnvelopeType.class, errors), errors);
        } catch (InvalidCanonicalDocumentException e) {
            return new ParsedEnvelope(null, e.errors());
        }
    }

    private <T> T unmarshal(byte[] xml, Class<T> type) {
        List<HubError> errors = new ArrayList<>();
        T value = unmarshal(xml, type, errors);
        if (!errors.isEmpty()) {
            throw new InvalidCanonicalDocumentException(errors);
        }
        return value;
    }

    /** Unmarshals with schema validation, collecting findings in {@code errors}; throws only when nothing can be read. */
    private <T> T unmarshal(byte[] xml, Class<T> type, List<HubError> errors) {
        try {
            Unmarshaller unmarshaller = context.createUnmarshaller();
            // JAXB's own findings (a document it cannot read); the schema's are collected by the reader
            unmarshaller.setEventHandler(event -> {
                if (event.getSeverity() != ValidationEvent.WARNING && errors.size() < 20) {
                    int line = event.getLocator() == null ? -1 : event.getLocator().getLineNumber();
                    errors.add(HubError.schema("line " + line, event.getMessage()));
                }
                return event.getSeverity() != ValidationEvent.FATAL_ERROR;
            });
            SchemaCheckedReader reader = new SchemaCheckedReader(new WithoutEnvelopeSignature(SecureXml.newReader()),
                    validators.get(), errors);
            JAXBElement<T> element = unmarshaller.unmarshal(new SAXSource(reader,
                    new InputSource(new ByteArrayInputStream(xml))), type);
            return element.getValue();
        } catch (JAXBException e) {
            if (errors.isEmpty()) {
                errors.add(HubError.schema("document", "not a readable canonical document: "
                        + (e.getLinkedException() != null ? e.getLinkedException().getMessage() : e.getMessage())));
            }
            throw new InvalidCanonicalDocumentException(errors);
        }
    }

    /**
     * The envelopes of a file from a partner, each as its own document: the file itself, or each Envelope of a
     * canonical Batch (the whole file schema-checked first). Written as they were received, not re-marshalled, so a
     * signature over each still holds.
     */
    public List<byte[]> envelopeDocumentsOf(byte[] xml) {
        if (!rootIsBatch(xml)) {
            readEnvelope(xml);
            return List.of(xml);
        }
        unmarshal(xml, org.originhub.canonical.v1.BatchType.class);
        org.w3c.dom.Element batch;
        try {
            batch = SecureXml.parseDocument(xml).getDocumentElement();
        } catch (org.xml.sax.SAXException e) {
            throw new InvalidCanonicalDocumentException(List.of(HubError.schema("document", e.getMessage())));
        }
        List<byte[]> envelopes = new ArrayList<>();
        for (org.w3c.dom.Node child = batch.getFirstChild(); child != null; child = child.getNextSibling()) {
            if ("Envelope".equals(child.getLocalName()) && NAMESPACE.equals(child.getNamespaceURI())) {
                envelopes.add(SecureXml.serialize(child));
            }
        }
        return envelopes;
    }

    private static boolean rootIsBatch(byte[] xml) {
        return ("{" + NAMESPACE + "}Batch").equals(SecureXml.rootElement(xml));
    }

    public byte[] write(EnvelopeType envelope) {
        return marshal(FACTORY.createEnvelope(envelope));
    }

    public byte[] write(CertificateOfOriginType certificate) {
        return marshal(FACTORY.createCertificateOfOrigin(certificate));
    }

    private byte[] marshal(JAXBElement<?> element) {
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            marshaller.marshal(element, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write a canonical document", e);
        }
    }
}

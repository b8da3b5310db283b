package org.originhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.format.HubError;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.format.NationalFormats;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;

/**
 * The canonical read on its own: schema findings as E001 with their line, and the validator each thread keeps
 * (SchemaCheckedReader) starting each document afresh, whatever the document before it did to it; and an envelope read
 * from the tree its signature was verified on, as it is from its bytes.
 */
class CanonicalModelTest {

    private static CanonicalModel model;
    private static String certificate;

    @BeforeAll
    static void load() throws Exception {
        model = new CanonicalModel(url("xsd/canonical/v1/originhub-envelope.xsd"));
        NationalFormats formats = NationalFormats.fromProjectDirectories();
        byte[] national = Files.readAllBytes(Path.of("samples/formd-xml/TH-VN-rubber.xml"));
        certificate = new String(formats.toCanonical(formats.read("formd-xml", national).get(0)).canonical(),
                StandardCharsets.UTF_8);
    }

    private static java.net.URL url(String path) throws MalformedURLException {
        return Path.of(path).toUri().toURL();
    }

    /** An envelope carrying the certificate, with a ds:Signature as its last child as a partner's would have. */
    private static String envelope() {
        String xml = new String(model.write(new EnvelopeFactory().certificate(model.readCertificate(bytes(certificate)),
                "TH:DFT", "VN:GDVC")), StandardCharsets.UTF_8);
        int rootEnd = xml.lastIndexOf("</");
        return xml.substring(0, rootEnd) + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                + "<ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>" + xml.substring(rootEnd);
    }

    private static Document tree(String xml) throws Exception {
        return SecureXml.parseDocument(bytes(xml));
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The certificate with an element the schema does not know, first inside the root. */
    private static String withUnknownElement() {
        int afterRootTag = certificate.indexOf('>', certificate.indexOf("<CertificateOfOrigin")) + 1;
        return certificate.substring(0, afterRootTag) + "<Unknown/>" + certificate.substring(afterRootTag);
    }

    @Test
    void schemaFindingIsAnE001WithItsLineAndTheValidatorsMessage() {
        assertThatThrownBy(() -> model.readCertificate(bytes(withUnknownElement())))
                .isInstanceOf(InvalidCanonicalDocumentException.class)
                .satisfies(e -> assertThat(((InvalidCanonicalDocumentException) e).errors()).isNotEmpty()
                        .allSatisfy(error -> assertThat(error.code()).isEqualTo("E001"))
                        .extracting(HubError::message).anySatisfy(message -> assertThat(message)
                                .contains("cvc-complex-type.2.4.a").contains("Unknown")));
    }

    @Test
    void documentsReadAfterAnInvalidAndABrokenOneOnTheSameThreadHaveNoFindingsOfTheirs() {
        assertThat(model.readCertificate(bytes(certificate)).getCertificateID()).isEqualTo("TH-DFT-2025-D-0001234");
        assertThatThrownBy(() -> model.readCertificate(bytes(withUnknownElement())))
                .isInstanceOf(InvalidCanonicalDocumentException.class);
        // cut off in the middle of an element: the validator is left mid-document
        assertThatThrownBy(() -> model.readCertificate(bytes(certificate.substring(0, certificate.length() / 2))))
                .isInstanceOf(InvalidCanonicalDocumentException.class);

        assertThat(model.readCertificate(bytes(certificate)).getCertificateID()).isEqualTo("TH-DFT-2025-D-0001234");
    }

    @Test
    void envelopeReadFromItsVerifiedTreeIsTheOneReadFromItsBytes() throws Exception {
        String envelope = envelope();

        CanonicalModel.ParsedEnvelope fromTree = model.parseEnvelope(bytes(envelope), tree(envelope));

        assertThat(fromTree.valid()).isTrue();
        EnvelopeType fromBytes = model.parseEnvelope(bytes(envelope)).envelope();
        assertThat(model.write(fromTree.envelope())).isEqualTo(model.write(fromBytes));
        assertThat(fromTree.envelope().getPayload().getCertificateOfOrigin().getCertificateID())
                .isEqualTo("TH-DFT-2025-D-0001234");
    }

    @Test
    void envelopeWithAVerifiedTreeIsNotParsedFromItsBytesAgain() throws Exception {
        String envelope = envelope();

        CanonicalModel.ParsedEnvelope parsed = model.parseEnvelope(bytes("not XML at all"), tree(envelope));

        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.envelope().getMessageID()).isNotBlank();
    }

    @Test
    void schemaFindingOfAnEnvelopeWithATreeKeepsItsLineFromTheBytes() throws Exception {
        String valid = envelope();
        int afterRootTag = valid.indexOf('>', valid.indexOf('<', valid.indexOf("?>"))) + 1;
        String invalid = valid.substring(0, afterRootTag) + "\n<Unknown/>" + valid.substring(afterRootTag);

        CanonicalModel.ParsedEnvelope fromTree = model.parseEnvelope(bytes(invalid), tree(invalid));

        assertThat(fromTree.valid()).isFalse();
        assertThat(fromTree.errors()).isEqualTo(model.parseEnvelope(bytes(invalid)).errors())
                .anySatisfy(error -> assertThat(error.field()).matches("line [1-9][0-9]*"));
        // the thread's validator is left clean for the next envelope
        assertThat(model.parseEnvelope(bytes(valid), tree(valid)).valid()).isTrue();
    }
}

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
import org.originhub.format.NationalFormats;

/**
 * The canonical read on its own: schema findings as E001 with their line, and the validator each thread keeps
 * (SchemaCheckedReader) starting each document afresh, whatever the document before it did to it.
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
}

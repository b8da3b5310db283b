package org.originhub.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.support.TestSigning;

/**
 * The hand-over reads a received envelope once (Saxon) instead of reading it with JAXB and the schema, writing its
 * certificate and parsing that again. Proven here: for every sample certificate of every format, inside a signed
 * envelope, the national document is byte for byte the one the three-step read gave.
 */
class ReceivedCertificateTest {

    private static NationalFormats formats;
    private static CanonicalModel canonical;

    @BeforeAll
    static void load() throws Exception {
        formats = NationalFormats.fromProjectDirectories();
        canonical = new CanonicalModel(Path.of("xsd/canonical/v1/originhub-envelope.xsd").toUri().toURL());
    }

    @Test
    void everySampleInASignedEnvelopeRendersByteForByteAsTheJaxbReadOfTheEnvelopeDid() throws Exception {
        int rendered = 0;
        for (SampleDocuments sample : SampleDocuments.ALL) {
            for (byte[] envelope : signedEnvelopes(sample.format(), sample.bytes())) {
                for (String format : formats.ids()) {
                    String before = outcome(() -> formats.fromCanonical(format, canonical.write(
                            canonical.readEnvelope(envelope).getPayload().getCertificateOfOrigin())));
                    assertThat(outcome(() -> formats.fromEnvelope(format, envelope))).as("%s as %s", sample, format)
                            .isEqualTo(before);
                    if (format.equals(sample.format())) {
                        assertThat(before).as("%s in its own format", sample).doesNotStartWith("refused");
                    }
                    rendered++;
                }
            }
        }
        // two formd-xml, two kr-csv and one cl-json certificate, each in the three formats
        assertThat(rendered).isEqualTo(15);
    }

    @Test
    void theIdsAreThoseOfTheEnvelopeAndItsCertificate() throws Exception {
        SampleDocuments rubber = SampleDocuments.ALL.get(0);
        byte[] envelope = signedEnvelopes(rubber.format(), rubber.bytes()).get(0);
        EnvelopeType read = canonical.readEnvelope(envelope);

        ReceivedCertificate received = formats.received(envelope);

        assertThat(received.messageId()).isEqualTo(read.getMessageID());
        assertThat(received.functionCode()).isEqualTo(read.getFunctionCode()).isEqualTo("9");
        assertThat(received.certificateId()).isEqualTo(read.getPayload().getCertificateOfOrigin().getCertificateID())
                .isNotBlank();
        assertThat(received.importCountry()).isEqualTo("VN");
        assertThat(received.certificate().children().iterator().next().getNodeName().getLocalName())
                .isEqualTo("CertificateOfOrigin");
    }

    @Test
    void anAcknowledgementIsNotACertificateEnvelopeAndSaysWhatIsMissing() {
        String ack = """
                <Envelope xmlns="urn:originhub:canonical:1"><MessageID>x</MessageID>\
                <Payload><Acknowledgement/></Payload></Envelope>""";

        assertThatThrownBy(() -> formats.received(ack.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no {urn:originhub:canonical:1}CertificateOfOrigin in "
                        + "{urn:originhub:canonical:1}Payload");
    }

    /** The national document, or the reason it cannot be written (a format that cannot express a value). */
    private static String outcome(java.util.function.Supplier<byte[]> rendering) {
        try {
            return new String(rendering.get(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static List<byte[]> signedEnvelopes(String format, byte[] document) {
        List<byte[]> envelopes = new ArrayList<>();
        for (NationalCertificate national : formats.read(format, document)) {
            MappingResult mapped = formats.toCanonical(national);
            assertThat(mapped.errors()).isEmpty();
            CertificateOfOriginType certificate = canonical.readCertificate(mapped.canonical());
            EnvelopeType envelope = new EnvelopeFactory().certificate(certificate,
                    certificate.getExportCountryCode() + ":OH", certificate.getImportCountryCode() + ":OH");
            envelopes.add(TestSigning.demo().sign(canonical.write(envelope)));
        }
        return envelopes;
    }
}

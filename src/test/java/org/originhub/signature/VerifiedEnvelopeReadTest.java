package org.originhub.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.format.NationalFormats;

/**
 * A partner's envelope as the receiving hub reads it: signed by TH's key, verified, then schema-checked and bound from
 * the tree its signature was verified on, as from its bytes, without parsing the bytes a second time.
 */
class VerifiedEnvelopeReadTest {

    private static final String TH = "TH:DFT";

    @Test
    void signedEnvelopeIsReadFromItsVerifiedTreeAsFromItsBytesWithoutParsingThemAgain() throws Exception {
        CanonicalModel model = new CanonicalModel(Path.of("xsd/canonical/v1/originhub-envelope.xsd").toUri().toURL());
        NationalFormats formats = NationalFormats.fromProjectDirectories();
        byte[] national = Files.readAllBytes(Path.of("samples/formd-xml/TH-VN-rubber.xml"));
        byte[] certificate = formats.toCanonical(formats.read("formd-xml", national).get(0)).canonical();
        byte[] signed = TestKeys.signer("th-dft").sign(model.write(new EnvelopeFactory()
                .certificate(model.readCertificate(certificate), TH, "VN:GDVC")));
        EnvelopeVerifier verifier = new EnvelopeVerifier(party -> Optional.ofNullable(TH.equals(party)
                ? TestKeys.certificates("th-dft") : null), Clock.systemUTC());
        DocumentSignatures.Checked checked = DocumentSignatures.on(TestKeys.signer("th-dft"), verifier).checked(signed);

        CanonicalModel.ParsedEnvelope fromTree = model.parseEnvelope("not XML".getBytes(StandardCharsets.UTF_8),
                checked.tree());

        assertThat(fromTree.errors()).isEmpty();
        EnvelopeType fromBytes = model.parseEnvelope(checked.document()).envelope();
        assertThat(model.write(fromTree.envelope())).isEqualTo(model.write(fromBytes));
        assertThat(fromTree.envelope().getSenderID()).isEqualTo(TH);
        assertThat(List.of(fromTree.envelope().getPayload().getCertificateOfOrigin().getCertificateID()))
                .containsExactly("TH-DFT-2025-D-0001234");
    }
}

package org.originhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.originhub.signature.DocumentSignatures;
import org.originhub.signature.EnvelopeVerifier;
import org.originhub.signature.KeyMaterial;
import org.springframework.core.io.DefaultResourceLoader;

/** originhub.signing.*: the switch, and a keystore that cannot be used stopping the hub at start-up. */
class SignatureSetupTest {

    private static final HubDirectory NO_PARTNERS = new HubDirectory(Map.of(), Map.of(), Map.of());
    private static final byte[] ENVELOPE = "<Envelope xmlns=\"urn:originhub:canonical:1\"><SenderID>TH:DFT</SenderID></Envelope>"
            .getBytes(StandardCharsets.UTF_8);

    private static DocumentSignatures create(boolean enabled, String keystore, String password, String alias) {
        return create(enabled, keystore, password, alias, "native");
    }

    private static DocumentSignatures create(boolean enabled, String keystore, String password, String alias,
            String engine) {
        return SignatureSetup.create(new HubProperties.Signing(enabled, keystore, password, alias, engine), NO_PARTNERS,
                new DefaultResourceLoader());
    }

    @Test
    void switchedOffNothingIsSignedOrVerified() {
        DocumentSignatures off = create(false, null, null, null);

        assertThat(off.enabled()).isFalse();
        assertThat(off.sign(ENVELOPE)).isSameAs(ENVELOPE);
        assertThat(off.verified(ENVELOPE)).isSameAs(ENVELOPE);
    }

    @Test
    void switchedOnTheHubSignsWithTheConfiguredKey() {
        DocumentSignatures on = create(true, "classpath:keys/th-dft.p12", "test-only", "th-dft");

        byte[] signed = on.sign(ENVELOPE);

        EnvelopeVerifier trustingTh = new EnvelopeVerifier(party -> Optional.of(certificate("keys/th-dft.pem")),
                Clock.systemUTC());
        assertThat(trustingTh.verify(signed).signer().getSubjectX500Principal().getName())
                .contains("TH:DFT test signing key");
    }

    private static List<X509Certificate> certificate(String resource) {
        try (var in = SignatureSetupTest.class.getClassLoader().getResourceAsStream(resource)) {
            return KeyMaterial.certificates(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wrongKeystorePasswordStopsTheHub() {
        assertThatThrownBy(() -> create(true, "classpath:keys/th-dft.p12", "wrong", "th-dft"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("originhub.signing.keystore");
    }

    @Test
    void aliasWithoutAKeyStopsTheHubNamingTheAliasesThereAre() {
        assertThatThrownBy(() -> create(true, "classpath:keys/th-dft.p12", "test-only", "vn-gdvc"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("vn-gdvc").hasMessageContaining("th-dft");
    }

    @Test
    void unknownSignatureEngineStopsTheHubNamingTheTwoThereAre() {
        assertThatThrownBy(() -> create(true, "classpath:keys/th-dft.p12", "test-only", "th-dft", "openssl"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("native or jdk");
    }

    @Test
    void eitherEngineSignsWithTheConfiguredKey() {
        EnvelopeVerifier trustingTh = new EnvelopeVerifier(party -> Optional.of(certificate("keys/th-dft.pem")),
                Clock.systemUTC());
        for (String engine : new String[] {"jdk", "native", null}) {
            byte[] signed = create(true, "classpath:keys/th-dft.p12", "test-only", "th-dft", engine).sign(ENVELOPE);

            assertThat(trustingTh.verify(signed).senderId()).as("engine %s", engine).isEqualTo("TH:DFT");
        }
    }
}

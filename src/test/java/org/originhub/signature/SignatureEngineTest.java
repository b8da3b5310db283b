package org.originhub.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The native signature engine changes who computes a signature value, never what is signed: a partner running only
 * the JDK's providers verifies what the native engine signs, and the native engine verifies what the JDK signs, for
 * both key types the profile allows. And the engine given is the one used, not a silent fallback.
 */
class SignatureEngineTest {

    private static final SignatureEngine NATIVE = SignatureEngine.nativeIfAvailable();
    private static final Map<String, List<X509Certificate>> PARTNERS = Map.of(
            "TH:DFT", TestKeys.certificates("th-dft"),
            "VN:GDVC", TestKeys.certificates("vn-gdvc"));
    private static final TrustAnchors ANCHORS = party -> Optional.ofNullable(PARTNERS.get(party));

    private static byte[] envelope(String senderId) {
        return ("<Envelope xmlns=\"urn:originhub:canonical:1\"><MessageID>6f1c2a3e-8a8d-4a43-9f7e-2b4d1c1e0a01</MessageID>"
                + "<SenderID>" + senderId + "</SenderID><Payload><CertificateOfOrigin><CertificateID>TH-DFT-2025-D-0001234"
                + "</CertificateID></CertificateOfOrigin></Payload></Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static EnvelopeSigner signer(String key, SignatureEngine engine) {
        TestKeys.Key material = TestKeys.key(key);
        return new EnvelopeSigner(material.privateKey(), material.chain(), engine);
    }

    private static EnvelopeVerifier verifier(SignatureEngine engine) {
        return new EnvelopeVerifier(ANCHORS, Clock.systemUTC(), engine);
    }

    @Test
    void nativeEngineLoadsOnLinuxX8664() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the bundled native library is for Linux x86-64");

        assertThat(NATIVE.isNative()).as(NATIVE.describe()).isTrue();
        assertThat(NATIVE.describe()).startsWith("Amazon Corretto Crypto Provider");
    }

    @ParameterizedTest(name = "{0} key of {1}")
    @CsvSource({"th-dft, TH:DFT", "vn-gdvc, VN:GDVC"})
    void whatTheNativeEngineSignsTheJdkVerifiesAndTheReverse(String key, String sender) {
        byte[] byNative = signer(key, NATIVE).sign(envelope(sender));
        byte[] byJdk = signer(key, SignatureEngine.jdk()).sign(envelope(sender));

        assertThat(verifier(SignatureEngine.jdk()).verify(byNative).senderId()).isEqualTo(sender);
        assertThat(verifier(NATIVE).verify(byJdk).senderId()).isEqualTo(sender);
        assertThat(verifier(NATIVE).verify(byNative).senderId()).isEqualTo(sender);
    }

    @ParameterizedTest(name = "{0} key of {1}")
    @CsvSource({"th-dft, TH:DFT", "vn-gdvc, VN:GDVC"})
    void nativeEngineRefusesAnEnvelopeChangedAfterSigningWithE010(String key, String sender) {
        String signed = new String(signer(key, NATIVE).sign(envelope(sender)), StandardCharsets.UTF_8);
        byte[] changed = signed.replace("TH-DFT-2025-D-0001234", "TH-DFT-2025-D-0009999").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifier(NATIVE).verify(changed)).isInstanceOf(SignatureRejectedException.class)
                .satisfies(e -> assertThat(((SignatureRejectedException) e).code()).isEqualTo("E010"))
                .hasMessageContaining("digest mismatch");
    }

    @Test
    void theEngineGivenComputesTheSignatureWithNoFallbackToTheJdk() {
        Provider noSignatures = new Provider("NoSignatures", "1", "a provider without signature algorithms") {
        };

        assertThatThrownBy(() -> signer("th-dft", SignatureEngine.using(noSignatures)).sign(envelope("TH:DFT")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot sign");
        byte[] signed = signer("th-dft", SignatureEngine.jdk()).sign(envelope("TH:DFT"));
        assertThatThrownBy(() -> verifier(SignatureEngine.using(noSignatures)).verify(signed))
                .isInstanceOf(SignatureRejectedException.class);
    }
}

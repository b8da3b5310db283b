package org.originhub.config;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.originhub.signature.DocumentSignatures;
import org.originhub.signature.EnvelopeSigner;
import org.originhub.signature.EnvelopeVerifier;
import org.originhub.signature.KeyMaterial;
import org.originhub.signature.SignatureEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds the hub's document signatures from {@code originhub.signing.*} and the partner files. A keystore that
 * cannot be opened stops the hub at start-up; a signing certificate that is expired, about to expire, or the demo
 * one, is logged, and so is a partner hub with no certificate to check its signatures against.
 */
final class SignatureSetup {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureSetup.class);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private SignatureSetup() {
    }

    static DocumentSignatures create(HubProperties.Signing settings, HubDirectory directory, ResourceLoader resources) {
        if (settings == null || !settings.enabled()) {
            LOG.warn("document signatures are OFF (originhub.signing.enabled=false): envelopes go out unsigned and"
                    + " partners' signatures are not checked");
            return DocumentSignatures.off();
        }
        SignatureEngine engine = engine(settings);
        EnvelopeSigner signer = signer(settings, resources, engine);
        warnAbout(signer.certificate());
        for (PartnerDefinition partner : directory.partners()) {
            if (partner.wantsCanonical() && partner.signing() == null) {
                LOG.warn("partner {} has no signing.certificate: its envelopes and ACKs will be refused (E011)",
                        partner.id());
            }
        }
        return DocumentSignatures.on(signer, new EnvelopeVerifier(PartnerCertificates.load(directory, resources),
                Clock.systemUTC(), engine));
    }

    private static SignatureEngine engine(HubProperties.Signing settings) {
        SignatureEngine engine;
        try {
            engine = SignatureEngine.named(settings.engine());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (engine.fellBack()) {
            LOG.warn("signature values computed by {}: signatures are correct, only slower", engine.describe());
        } else {
            LOG.info("signature values computed by {}", engine.describe());
        }
        return engine;
    }

    private static EnvelopeSigner signer(HubProperties.Signing settings, ResourceLoader resources,
            SignatureEngine engine) {
        String password = settings.keystorePassword() == null ? "" : settings.keystorePassword();
        try (InputStream in = resources.getResource(settings.keystore()).getInputStream()) {
            return KeyMaterial.signer(in, password.toCharArray(), settings.alias(), engine);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("originhub.signing.keystore " + settings.keystore() + " (alias "
                    + settings.alias() + ") cannot be used: " + e.getMessage(), e);
        }
    }

    private static void warnAbout(X509Certificate certificate) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            LOG.error("the hub's signing certificate {} expired on {}: partners refuse what it signs (E011)",
                    certificate.getSubjectX500Principal(), notAfter);
        } else if (notAfter.isBefore(Instant.now().plus(EXPIRY_WARNING))) {
            LOG.warn("the hub's signing certificate {} expires on {}", certificate.getSubjectX500Principal(), notAfter);
        }
        if (certificate.getSubjectX500Principal().getName().contains("DEMO ONLY")) {
            LOG.warn("signing with the DEMO key (config/demo-keys, public password): never in production");
        }
    }
}

package org.originhub.config;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.originhub.signature.KeyMaterial;
import org.originhub.signature.TrustAnchors;
import org.springframework.core.io.ResourceLoader;

/**
 * Each partner's signing certificates, read once at start-up from the files its {@code signing.certificate} names, by
 * party id: two partner files with one party id (one administration reached over two channels) share theirs.
 */
public final class PartnerCertificates implements TrustAnchors {

    private final Map<String, List<X509Certificate>> byParty;

    private PartnerCertificates(Map<String, List<X509Certificate>> byParty) {
        this.byParty = byParty;
    }

    /** A file that is missing or holds no certificate stops the hub, naming the partner. */
    public static PartnerCertificates load(HubDirectory directory, ResourceLoader resources) {
        Map<String, List<X509Certificate>> byParty = new HashMap<>();
        for (PartnerDefinition partner : directory.partners()) {
            List<X509Certificate> certificates = byParty.computeIfAbsent(partner.partyId(), party -> new ArrayList<>());
            if (partner.signing() == null) {
                continue;
            }
            String location = partner.signing().certificate();
            try (InputStream in = resources.getResource(location).getInputStream()) {
                certificates.addAll(KeyMaterial.certificates(in));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("partner " + partner.id() + ": signing.certificate " + location
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        byParty.replaceAll((party, certificates) -> List.copyOf(certificates));
        return new PartnerCertificates(Map.copyOf(byParty));
    }

    @Override
    public Optional<List<X509Certificate>> of(String partyId) {
        return Optional.ofNullable(partyId == null ? null : byParty.get(partyId));
    }
}

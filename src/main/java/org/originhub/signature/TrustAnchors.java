package org.originhub.signature;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Whom the hub trusts to sign as a party: per partner, never one trust store for all, so that a certificate of one
 * administration cannot sign as another. Each certificate is either the partner's own signing certificate (pinned)
 * or a CA that issues the partner's signing certificates.
 */
@FunctionalInterface
public interface TrustAnchors {

    /**
     * The certificates configured for the party: empty when no partner has that party id; an empty list when the
     * partner is known but has no signing certificate configured.
     */
    Optional<List<X509Certificate>> of(String partyId);
}

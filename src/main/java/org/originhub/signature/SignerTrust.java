package org.originhub.signature;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a certificate may sign as a party: it must be valid now, allowed to sign (key usage), and be one
 * of the certificates configured for that party (pinned), or chain to one of them (the party's CA). Revocation is
 * not checked (no OCSP or CRL yet): to revoke, an operator removes the certificate from the partner's file.
 */
final class SignerTrust {

    private final TrustAnchors anchors;
    private final Clock clock;

    SignerTrust(TrustAnchors anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    /** The signer's certificate (the first offered), if it may sign as {@code partyId}; otherwise E011 or E020. */
    X509Certificate signerFor(String partyId, List<X509Certificate> offered) {
        List<X509Certificate> trusted = anchors.of(partyId)
                .orElseThrow(() -> SignatureRejectedException.unknownSender(partyId));
        if (trusted.isEmpty()) {
            throw SignatureRejectedException.untrusted("no signing certificate is configured for partner " + partyId);
        }
        X509Certificate signer = offered.get(0);
        Date now = Date.from(clock.instant());
        try {
            signer.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw SignatureRejectedException.untrusted("the signer's certificate " + signer.getSubjectX500Principal()
                    + " expired on " + signer.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw SignatureRejectedException.untrusted("the signer's certificate " + signer.getSubjectX500Principal()
                    + " is not valid before " + signer.getNotBefore().toInstant());
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            throw SignatureRejectedException.untrusted("the signer's certificate is not for signatures (key usage)");
        }
        if (trusted.contains(signer) || issuedByOneOf(trusted, signer, offered, now)) {
            return signer;
        }
        throw SignatureRejectedException.untrusted("the signer " + signer.getSubjectX500Principal() + " is not trusted"
                + " to sign as " + partyId + ": it is neither a certificate configured for that partner nor issued by one");
    }

    /** A PKIX path from the signer to one of the party's certificates, through the certificates the signer sent. */
    private static boolean issuedByOneOf(List<X509Certificate> trusted, X509Certificate signer,
            List<X509Certificate> offered, Date now) {
        try {
            Set<TrustAnchor> roots = trusted.stream().map(certificate -> new TrustAnchor(certificate, null))
                    .collect(Collectors.toSet());
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(roots, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(offered)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}

package org.originhub.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.originhub.config.HubDirectory;
import org.originhub.config.PartnerDefinition;
import org.springframework.core.io.ResourceLoader;

/**
 * Mutual TLS between administrations. The hub's own TLS key (a PKCS#12 keystore) serves the partner exchange port
 * and authenticates the hub when it delivers; each partner's certificate (or the CA that issues it, PEM, from
 * {@code tlsCertificate} in its file) is the only thing that partner is trusted under: to accept its client
 * certificate, to tell which partner a client is, and to trust its server when delivering to it. Never the JVM's
 * default trust store, never trust-all.
 */
public class ExchangeTls {

    private final boolean enabled;
    private final int port;
    private final KeyStore hubKey;
    private final char[] hubKeyPassword;
    private final Map<String, List<X509Certificate>> partners;

    private ExchangeTls(boolean enabled, int port, KeyStore hubKey, char[] hubKeyPassword,
            Map<String, List<X509Certificate>> partners) {
        this.enabled = enabled;
        this.port = port;
        this.hubKey = hubKey;
        this.hubKeyPassword = hubKeyPassword;
        this.partners = partners;
    }

    public static ExchangeTls disabled() {
        return new ExchangeTls(false, -1, null, null, Map.of());
    }

    public static ExchangeTls load(int port, String keyStore, String password, HubDirectory directory,
            ResourceLoader resources) {
        try {
            KeyStore hubKey = KeyStore.getInstance("PKCS12");
            try (InputStream in = resources.getResource(keyStore).getInputStream()) {
                hubKey.load(in, password.toCharArray());
            }
            Map<String, List<X509Certificate>> partners = new LinkedHashMap<>();
            for (PartnerDefinition partner : directory.partners()) {
                if (partner.tlsCertificate() != null && !partner.tlsCertificate().isBlank()) {
                    partners.put(partner.id(), certificates(resources, partner.tlsCertificate()));
                }
            }
            return new ExchangeTls(true, port, hubKey, password.toCharArray(), Map.copyOf(partners));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("mutual TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(ResourceLoader resources, String location)
            throws IOException, GeneralSecurityException {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException("no certificate in " + location);
            }
            return List.copyOf(certificates);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The port partner hubs deliver to, with a client certificate required. */
    public int port() {
        return port;
    }

    public KeyStore hubKey() {
        return hubKey;
    }

    public char[] hubKeyPassword() {
        return hubKeyPassword.clone();
    }

    /** Every partner's certificates, as the trust store of the exchange port. */
    public KeyStore partnersTrustStore() {
        return trustStore(partners.values().stream().flatMap(List::stream).toList());
    }

    /** The partner a client certificate chain belongs to: its pinned certificate, or issued by its (own) CA. */
    public Optional<String> partnerOf(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.empty();
        }
        X509Certificate client = chain[0];
        for (Map.Entry<String, List<X509Certificate>> partner : partners.entrySet()) {
            for (X509Certificate known : partner.getValue()) {
                if (known.equals(client) || issued(client, known)) {
                    return Optional.of(partner.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean issued(X509Certificate client, X509Certificate authority) {
        if (!client.getIssuerX500Principal().equals(authority.getSubjectX500Principal())) {
            return false;
        }
        try {
            client.verify(authority.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The TLS context for delivering to one partner: the hub's key, and only that partner's certificates trusted. */
    public SSLContext clientContext(String partnerId) {
        List<X509Certificate> trusted = partners.get(partnerId);
        if (trusted == null) {
            throw new IllegalStateException("partner " + partnerId + " has an https endpoint but no tlsCertificate");
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(hubKey, hubKeyPassword);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(trusted));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS context for partner " + partnerId + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (X509Certificate certificate : certificates) {
                store.setCertificateEntry("partner-" + (n++), certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }
}

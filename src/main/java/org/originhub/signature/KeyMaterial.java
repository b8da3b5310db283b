package org.originhub.signature;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads keys and certificates: the hub's signing key from a PKCS#12 keystore, partners' certificates from PEM. */
public final class KeyMaterial {

    private KeyMaterial() {
    }

    /** The signer for the key under {@code alias} in a PKCS#12 keystore, computing with the JDK's providers. */
    public static EnvelopeSigner signer(InputStream pkcs12, char[] password, String alias) throws IOException {
        return signer(pkcs12, password, alias, SignatureEngine.jdk());
    }

    /** The signer for the key under {@code alias} in a PKCS#12 keystore (the key's password is the store's). */
    public static EnvelopeSigner signer(InputStream pkcs12, char[] password, String alias, SignatureEngine engine)
            throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(pkcs12, password);
            if (!store.isKeyEntry(alias)) {
                throw new IllegalArgumentException("the keystore has no key under alias '" + alias + "' (it has "
                        + java.util.Collections.list(store.aliases()) + ")");
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return new EnvelopeSigner(key, chain, engine);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keystore cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every certificate of a PEM (or DER) file: a partner may list its current and next certificate, or its CAs. */
    public static List<X509Certificate> certificates(InputStream pem) throws IOException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the file");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a certificate file: " + e.getMessage(), e);
        }
    }
}

package org.originhub.signature;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The test-only keys of src/test/resources/keys (generate.sh there says how each was made). */
final class TestKeys {

    static final char[] PASSWORD = "test-only".toCharArray();

    /** A private key with its certificate chain, the signer's certificate first. */
    record Key(PrivateKey privateKey, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private TestKeys() {
    }

    static Key key(String name) {
        try (InputStream in = resource(name + ".p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            List<X509Certificate> chain = new ArrayList<>();
            for (var certificate : store.getCertificateChain(name)) {
                chain.add((X509Certificate) certificate);
            }
            return new Key((PrivateKey) store.getKey(name, PASSWORD), chain);
        } catch (Exception e) {
            throw new IllegalStateException("test key " + name, e);
        }
    }

    static EnvelopeSigner signer(String name) {
        try (InputStream in = resource(name + ".p12")) {
            return KeyMaterial.signer(in, PASSWORD, name);
        } catch (Exception e) {
            throw new IllegalStateException("test key " + name, e);
        }
    }

    static List<X509Certificate> certificates(String name) {
        try (InputStream in = resource(name + ".pem")) {
            return KeyMaterial.certificates(in);
        } catch (Exception e) {
            throw new IllegalStateException("test certificate " + name, e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = TestKeys.class.getResourceAsStream("/keys/" + file);
        if (in == null) {
            throw new IllegalStateException("no test key file keys/" + file);
        }
        return in;
    }
}

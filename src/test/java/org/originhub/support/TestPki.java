package org.originhub.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material made by the test with the JDK's keytool, as an administration makes its own: a PKCS#12 keystore
 * per hub (self-signed, for localhost and 127.0.0.1) and its certificate in PEM, which partners pin.
 */
public final class TestPki {

    public static final String PASSWORD = "test-only-password";

    private TestPki() {
    }

    /** A hub's TLS identity under {@code folder}: {@code <name>.p12} and {@code <name>.pem}. */
    public record Identity(Path keyStore, Path certificate) {

        public String keyStoreUri() {
            return keyStore.toUri().toString();
        }

        public String certificateUri() {
            return certificate.toUri().toString();
        }
    }

    public static Identity create(Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Path keyStore = folder.resolve(name + ".p12");
            Path certificate = folder.resolve(name + ".pem");
            keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=originhub-" + name + ", O=OriginHub test", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            return new Identity(keyStore, certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context for a test client: this identity's key (or none), trusting only {@code trusted}. */
    public static SSLContext client(Identity identity, Identity trusted) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (identity != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(identity.keyStore())) {
                    store.load(in, PASSWORD.toCharArray());
                }
                keys.init(store, PASSWORD.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(trusted.certificate())) {
                trust.setCertificateEntry("trusted",
                        (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

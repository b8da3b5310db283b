package org.originhub.sftp;

import java.security.PublicKey;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SFTP server (Apache MINA SSHD) for the demo and the tests, standing in for a national system's or a
 * partner's server. Its host key is kept in a file, so a client that pinned it (known_hosts) still trusts it
 * after a restart. Password authentication, and public-key authentication for the keys a test authorises: it
 * is not meant for production.
 */
public class EmbeddedSftpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSftpServer.class);

    private final SshServer server;
    private final Path root;
    private final List<PublicKey> authorizedKeys = new CopyOnWriteArrayList<>();

    public EmbeddedSftpServer(String host, int port, Path root, Path hostKey, String username, String password)
            throws IOException {
        this.root = root.toAbsolutePath();
        Files.createDirectories(this.root);
        Files.createDirectories(hostKey.toAbsolutePath().getParent());
        server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey.toAbsolutePath()));
        server.setPasswordAuthenticator((user, secret, session) -> password != null && username.equals(user)
                && password.equals(secret));
        server.setPublickeyAuthenticator((user, key, session) -> username.equals(user)
                && authorizedKeys.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(this.root));
        server.start();
        LOG.info("embedded SFTP server on {}:{} serving {}", host, server.getPort(), this.root);
    }

    /** Lets the holder of this key's private half log in as the server's user, without a password. */
    public void authorize(PublicKey key) {
        authorizedKeys.add(key);
    }

    /** The server's host public key, as a client pins it in its known_hosts. */
    public PublicKey hostKey() throws IOException, java.security.GeneralSecurityException {
        return server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
    }

    /** The port it listens on (useful when configured as 0). */
    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}

package org.originhub.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.support.HubTestSupport;
import org.originhub.support.ReliabilityHubs;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SFTP as production configures it: the hub logs in with its private key (no password exists on the server for it)
 * and trusts the server only under the host key pinned in its known_hosts, strictly.
 */
class SftpKeyAuthenticationTest {

    private static final int PORT = HubTestSupport.freePort();
    private static final int SFTP_PORT = HubTestSupport.freePort();
    private static final Path DATA = HubTestSupport.dataDir("sftp-key");
    private static EmbeddedSftpServer sftp;
    private static ConfigurableApplicationContext hub;

    @BeforeAll
    static void startServerAndHub() throws Exception {
        // a server with no password for the hub's user: only the hub's key opens it
        sftp = new EmbeddedSftpServer("127.0.0.1", SFTP_PORT, DATA.resolve("sftp"), DATA.resolve("sftp-host-key.pem"),
                "national", null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair hubKey = generator.generateKeyPair();
        sftp.authorize(hubKey.getPublic());
        Path privateKey = DATA.resolve("hub_id_rsa");
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(hubKey, "originhub-test", null, out);
        }
        Path knownHosts = DATA.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + SFTP_PORT + " " + PublicKeyEntry.toString(sftp.hostKey()) + "\n");

        List<String> args = new ArrayList<>(ReliabilityHubs.th(PORT, DATA.resolve("hub"), HubTestSupport.freePort()));
        String config = Path.of("src/test/resources/hubs/sftp-key").toAbsolutePath().toUri().toString();
        // this hub's own sources and blocks instead of the reliability ones (a repeated argument would be joined)
        args.removeIf(arg -> arg.startsWith("--originhub.sources-location=") || arg.startsWith("--originhub.blocks-location="));
        args.add("--originhub.sources-location=" + config + "sources/");
        args.add("--originhub.blocks-location=" + config + "blocks/");
        args.add("--originhub.sftp.poll-delay=300");
        args.add("--test.sftp.port=" + SFTP_PORT);
        args.add("--test.sftp.private-key=" + privateKey);
        args.add("--test.sftp.known-hosts=" + knownHosts);
        hub = HubTestSupport.startHub(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (sftp != null) {
            sftp.close();
        }
    }

    @Test
    void outboxReachedWithTheHubsKeyAndAPinnedHostKeyIsRead() throws Exception {
        Path outbox = sftp.root().resolve("th-national/keyed");
        Files.createDirectories(outbox);
        String id = "TH-DFT-2025-K-0090001";
        Files.write(outbox.resolve("form-d.xml.part"), HubTestSupport.formdVariant(id, "VIET NAM"));
        Files.move(outbox.resolve("form-d.xml.part"), outbox.resolve("form-d.xml"));

        HubTestSupport.await("the keyed outbox to be read", Duration.ofSeconds(30),
                () -> Files.exists(outbox.resolve(".done/form-d.xml")));
        assertThat(Files.readString(outbox.resolve(".done/form-d.xml.result.json"))).contains("\"accepted\":1");
        assertThat(HubTestSupport.get(PORT, "/api/v1/certificates/" + id).body()).contains("via sftp");
    }
}

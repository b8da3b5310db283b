package org.originhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.format.NationalFormats;
import org.springframework.mock.env.MockEnvironment;

/** How many certificates are in flight to one partner is the partner file's to say, and only where it means something. */
class PartnerConcurrencyTest {

    private static NationalFormats formats;

    @TempDir
    Path config;

    @BeforeAll
    static void loadFormats() {
        formats = NationalFormats.fromProjectDirectories();
    }

    @Test
    void aPartnerOverHttpMayHaveMoreCertificatesInFlightThanTheHubsDefaultAndOthersKeepTheDefault() throws IOException {
        partner("id", "ID:GDVC", "channel: http\nendpoint: http://id.example/api/v1/exchange\nconcurrentDeliveries: 8");
        partner("vn", "VN:GDVC", "channel: http\nendpoint: http://vn.example/api/v1/exchange");

        HubDirectory directory = load();

        assertThat(directory.partner("id").orElseThrow().concurrentDeliveries()).isEqualTo(8);
        assertThat(directory.partner("vn").orElseThrow().concurrentDeliveries()).isNull();
    }

    @Test
    void concurrentDeliveriesOnAPartnerReachedOverSftpIsRefusedNamingTheFileAndTheField() throws IOException {
        partner("vn", "VN:GDVC", """
                channel: sftp
                sftp: {host: sftp.example, username: hub, password: secret, directory: in}
                concurrentDeliveries: 4""");

        assertThatThrownBy(this::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vn.yaml").hasMessageContaining("concurrentDeliveries");
    }

    @Test
    void noCertificatesInFlightAtAllIsRefused() throws IOException {
        partner("vn", "VN:GDVC", "channel: http\nendpoint: http://vn.example/api/v1/exchange\nconcurrentDeliveries: 0");

        assertThatThrownBy(this::load).hasMessageContaining("concurrentDeliveries (at least 1)");
    }

    private void partner(String id, String partyId, String channel) throws IOException {
        Files.createDirectories(config.resolve("partners"));
        Files.writeString(config.resolve("partners/" + id + ".yaml"), "id: " + id + "\npartyId: \"" + partyId + "\"\nname: "
                + id + "\ncountry: " + partyId.substring(0, 2) + "\nformat: canonical\nretryPolicy: standard\n" + channel + "\n");
    }

    private HubDirectory load() throws IOException {
        Files.createDirectories(config.resolve("sources"));
        Files.writeString(config.resolve("retry-policies.yaml"),
                "standard: {maximumAttempts: 3, initialDelay: 100, multiplier: 2.0, maximumDelay: 1000}\n");
        HubProperties properties = new HubProperties(null, null, null, null, null,
                config.resolve("partners").toUri().toString(), config.resolve("sources").toUri().toString(), null,
                config.resolve("retry-policies.yaml").toUri().toString(), null, null, null, null);
        return HubDirectory.load(properties, new MockEnvironment(), formats);
    }
}

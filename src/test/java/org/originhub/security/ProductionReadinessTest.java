package org.originhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originhub.config.HubDirectory;
import org.originhub.config.PartnerDefinition;
import org.originhub.config.RetryPolicy;
import org.originhub.config.SftpSettings;
import org.originhub.config.SourceDefinition;
import org.originhub.store.Sha256;
import org.springframework.mock.env.MockEnvironment;

/** The production profile refuses every demo-only setting at once, and starts with none of them left. */
class ProductionReadinessTest {

    private static final SftpSettings UNPINNED = new SftpSettings("sftp.example", 22, "hub", "secret", null, null, "no", "out");
    private static final SftpSettings PINNED = new SftpSettings("sftp.example", 22, "hub", null, "/keys/hub", "/keys/known_hosts",
            "yes", "out");

    private static HubDirectory directory(String apiKeySha256, SftpSettings sftp) {
        return new HubDirectory(
                Map.of("formd-xml", new SourceDefinition("formd-xml", "formd-xml", "test", List.of(SourceDefinition.Channel.http,
                        SourceDefinition.Channel.sftp), sftp, null, null, null, apiKeySha256)),
                Map.of("vn", new PartnerDefinition("vn", "VN:GDVC", "Viet Nam", "VN", PartnerDefinition.Channel.sftp, null,
                        sftp, null, null, "canonical", "standard", null, null, null, null, null)),
                Map.of("standard", new RetryPolicy(3, 100, 2.0, 1000, null)));
    }

    @Test
    void theDemoConfigurationIsRefusedWithEveryProblemNamed() {
        MockEnvironment demo = new MockEnvironment()
                .withProperty("originhub.security.operator.password", "{noop}demo-operator")
                .withProperty("originhub.security.viewer.password", "{noop}demo-viewer")
                .withProperty("originhub.sftp.embedded.enabled", "true")
                .withProperty("originhub.signing.keystore", "classpath:demo-keys/hub.p12");
        String demoKey = Sha256.of("demo-key-formd-xml".getBytes(StandardCharsets.UTF_8));

        List<String> problems = ProductionReadiness.problems(demo, directory(demoKey, UNPINNED));

        assertThat(problems).anyMatch(p -> p.contains("operator password"))
                .anyMatch(p -> p.contains("viewer password"))
                .anyMatch(p -> p.contains("demo API key"))
                .anyMatch(p -> p.contains("source formd-xml: the SFTP server's host key is not pinned"))
                .anyMatch(p -> p.contains("partner vn: the SFTP server's host key is not pinned"))
                .anyMatch(p -> p.contains("embedded demo SFTP server"))
                .anyMatch(p -> p.contains("signing keystore is the demo one"))
                .anyMatch(p -> p.contains("mutual TLS between hubs is off"));
        assertThatThrownBy(() -> new ProductionReadiness(demo, directory(demoKey, UNPINNED)))
                .hasMessageContaining("the production profile refuses to start");
    }

    @Test
    void aProductionConfigurationStarts() {
        MockEnvironment production = new MockEnvironment()
                .withProperty("originhub.security.operator.password", "{bcrypt}$2a$10$abcdefghijklmnopqrstuv")
                .withProperty("originhub.security.viewer.password", "{bcrypt}$2a$10$bcdefghijklmnopqrstuvw")
                .withProperty("originhub.sftp.embedded.enabled", "false")
                .withProperty("originhub.exchange.tls.enabled", "true")
                .withProperty("originhub.signing.keystore", "file:/etc/originhub/th-dft.p12");

        assertThat(ProductionReadiness.problems(production, directory("ab".repeat(32), PINNED))).isEmpty();
    }
}

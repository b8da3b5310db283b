package org.originhub.support;

import java.nio.file.Path;
import org.originhub.OriginHubApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One hub with the demo configuration (every demo partner is this hub itself), started once and shared by
 * every test class that extends this base: same configuration, so Spring's test context cache reuses it.
 */
@SpringBootTest(classes = OriginHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class DemoHubTestBase {

    protected static final int PORT = HubTestSupport.freePort();
    protected static final int SFTP_PORT = HubTestSupport.freePort();
    protected static final Path DATA = HubTestSupport.dataDir("demo");

    @DynamicPropertySource
    static void demoHub(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("originhub.data-dir", DATA::toString);
        registry.add("originhub.hub.name", () -> "demo");
        registry.add("management.endpoint.health.show-details", () -> "always");
        registry.add("originhub.sftp.embedded.port", () -> SFTP_PORT);
    }
}

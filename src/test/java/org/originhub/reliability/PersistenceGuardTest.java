package org.originhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.ingest.HubUnavailableException;
import org.originhub.ingest.PersistenceGuard;
import org.originhub.support.HubTestSupport;
import org.originhub.support.ReliabilityHubs;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub that cannot persist answers 503, never 202: here its broker's disk counts as full (max-disk-usage 0 %),
 * so the broker would refuse to write; a national system and a partner hub are told to come back later.
 */
class PersistenceGuardTest {

    private static final int PORT = HubTestSupport.freePort();
    private static ConfigurableApplicationContext hub;

    @BeforeAll
    static void startHubWithAFullBrokerDisk() {
        Path data = HubTestSupport.dataDir("disk-full");
        java.util.List<String> args = new java.util.ArrayList<>(ReliabilityHubs.th(PORT, data, HubTestSupport.freePort()));
        args.add("--originhub.broker.max-disk-usage=0");
        hub = HubTestSupport.startHub(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void submissionWhileTheBrokerDiskIsFullIsAnswered503WithRetryAfterAndNothingIsStored() {
        // the broker finds its disk full at its first disk scan, a few seconds after start-up
        HubTestSupport.await("the hub to find its broker disk full", Duration.ofSeconds(30),
                () -> hub.getBean(PersistenceGuard.class).problem() != null);
        String id = "TH-DFT-2025-F-0000001";
        HttpResponse<String>[] last = new HttpResponse[1];

        last[0] = HubTestSupport.post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                HubTestSupport.formdVariant(id, "VIET NAM"));

        assertThat(last[0].statusCode()).isEqualTo(503);
        assertThat(last[0].headers().firstValue("Retry-After")).hasValue("30");
        assertThat(last[0].body()).contains("disk is full");
        assertThat(HubTestSupport.get(PORT, "/api/v1/certificates/" + id).statusCode()).isEqualTo(404);
        assertThat(HubTestSupport.post(PORT, "/api/v1/exchange", "application/xml", "<Envelope/>".getBytes()).statusCode())
                .isEqualTo(503);
        assertThat(HubTestSupport.get(PORT, "/actuator/health").body()).contains("OUT_OF_SERVICE");
    }

    @Test
    void dataDiskBelowTheFreeSpaceFloorIsRefusedBeforeAnythingIsRead(@TempDir Path data) {
        PersistenceGuard guard = new PersistenceGuard(null, data, Long.MAX_VALUE);

        assertThatThrownBy(guard::check).isInstanceOf(HubUnavailableException.class).hasMessageContaining("free on the data disk");
        assertThat(new PersistenceGuard(null, data, 1).problem()).isNull();
    }
}

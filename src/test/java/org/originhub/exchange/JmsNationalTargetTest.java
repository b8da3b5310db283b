package org.originhub.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.support.HubTestSupport.post;
import static org.originhub.support.HubTestSupport.sample;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsEndpoint;
import org.junit.jupiter.api.Test;
import org.originhub.OriginHubApplication;
import org.originhub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The national target is configuration: with originhub.national-target.uri set to a queue, a certificate
 * received from a partner reaches the national system as a message in its national format.
 */
@SpringBootTest(classes = OriginHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class JmsNationalTargetTest {

    private static final int PORT = HubTestSupport.freePort();
    private static final int SFTP_PORT = HubTestSupport.freePort();
    private static final Path DATA = HubTestSupport.dataDir("jms-target");

    @DynamicPropertySource
    static void hubWithQueueTarget(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("originhub.data-dir", DATA::toString);
        registry.add("originhub.hub.name", () -> "jms-target");
        registry.add("originhub.sftp.embedded.port", () -> SFTP_PORT);
        registry.add("originhub.national-target.uri", () -> "jms:queue:national.customs.in");
    }

    @Autowired
    JmsTemplate jms;

    @Autowired
    CamelContext camel;

    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void receivedCertificateIsHandedToTheNationalQueueInFormd() throws Exception {
        var answer = post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                sample("formd-xml/TH-VN-rubber.xml"));
        assertThat(answer.statusCode()).isEqualTo(202);

        jms.setReceiveTimeout(30_000);
        Message message = jms.receive("national.customs.in");

        assertThat(message).isInstanceOf(BytesMessage.class);
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("urn:x-sample:eco:formd:1",
                "<RefNo>TH-DFT-2025-D-0001234</RefNo>", "<ImportingCountry>VIET NAM</ImportingCountry>");
    }

    @Test
    void theHandOverRunsOnSeveralConsumersAndGroupsEachCertificatesMessagesByItsId() throws Exception {
        JmsEndpoint handover = (JmsEndpoint) camel.getRoute("hand-over-to-national").getEndpoint();
        assertThat(handover.getConcurrentConsumers()).isEqualTo(8);
        // groups hashed into buckets: the broker remembers 64 of them, not one per certificate ever received
        assertThat(broker.getActiveMQServer().getAddressSettingsRepository().getMatch("originhub.handover")
                .getDefaultGroupBuckets()).isEqualTo(64);

        // with the hand-over stopped, the received certificate waits on the queue, where its group can be read
        camel.getRouteController().stopRoute("hand-over-to-national");
        try {
            assertThat(post(PORT, "/api/v1/sources/formd-xml/certificates", "application/xml",
                    HubTestSupport.formdVariant("TH-DFT-2025-D-0004321", "VIET NAM")).statusCode()).isEqualTo(202);

            HubTestSupport.await("the received certificate on the hand-over queue", Duration.ofSeconds(30),
                    () -> queued() != null);

            assertThat(queued().getStringProperty("JMSXGroupID")).isEqualTo("TH-DFT-2025-D-0004321");
        } finally {
            camel.getRouteController().startRoute("hand-over-to-national");
        }
        // handed over once the route runs again; taken off the national queue here, not left for another test
        jms.setReceiveTimeout(30_000);
        Message national = jms.receive("national.customs.in");
        assertThat(national).isNotNull();
        assertThat(national.getStringProperty("JMSXGroupID")).isNull();
    }

    private Message queued() {
        return jms.browse("originhub.handover", (session, browser) -> browser.getEnumeration().hasMoreElements()
                ? (Message) browser.getEnumeration().nextElement() : null);
    }
}

package org.originhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.support.HubTestSupport.await;
import static org.originhub.support.HubTestSupport.formdVariant;
import static org.originhub.support.HubTestSupport.get;
import static org.originhub.support.HubTestSupport.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.exchange.DeliveryAttempts;
import org.originhub.exchange.StrandedCertificates;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;
import org.originhub.store.Direction;
import org.originhub.store.LifecycleStatus;
import org.originhub.store.Sha256;
import org.originhub.support.FaultProxy;
import org.originhub.support.HubTestSupport;
import org.originhub.support.ReliabilityHubs;
import org.originhub.support.TestSigning;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;

/**
 * Delivery faults between two hubs in this JVM: TH sends to VN through a fault proxy that refuses, holds or passes
 * each delivery. Retries are the broker's and survive a restart of TH; a FAILED certificate is replayed by an
 * operator (REST or JMX) and arrives once; duplicates in every form are recognised and answered with the first
 * outcome; a document that fails permanently is quarantined without blocking its queue.
 */
class DeliveryReliabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASYNC = Duration.ofSeconds(40);
    private static final int TH_PORT = HubTestSupport.freePort();
    private static final int VN_PORT = HubTestSupport.freePort();
    private static final int PROXY_PORT = HubTestSupport.freePort();
    private static final Path TH_DATA = HubTestSupport.dataDir("rel-th");
    private static final Path VN_DATA = HubTestSupport.dataDir("rel-vn");
    private static final String BROKER_MEMORY = "16KB";

    private static FaultProxy proxy;
    private static ConfigurableApplicationContext th;
    private static ConfigurableApplicationContext vn;
    private static int serial;

    @BeforeAll
    static void startHubs() throws Exception {
        proxy = new FaultProxy(PROXY_PORT, URI.create("http://127.0.0.1:" + VN_PORT + "/api/v1/exchange"));
        vn = HubTestSupport.startHub(ReliabilityHubs.vn(VN_PORT, VN_DATA).toArray(String[]::new));
        th = startTh();
    }

    private static ConfigurableApplicationContext startTh() {
        List<String> args = new ArrayList<>(ReliabilityHubs.th(TH_PORT, TH_DATA, PROXY_PORT));
        // four envelopes fill it, so a backlog of these tests is paged to disk
        args.add("--originhub.broker.global-max-size=" + BROKER_MEMORY);
        return HubTestSupport.startHub(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopHubs() {
        for (AutoCloseable closeable : new AutoCloseable[] {th, vn, proxy}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the next one still closes
            }
        }
    }

    @AfterEach
    void partnerBackToNormal() {
        proxy.mode(FaultProxy.Mode.PASS);
    }

    @Test
    void partnerDownAcrossARestartOfTheSendingHubStillReceivesTheCertificateOnceItIsBack() {
        proxy.mode(FaultProxy.Mode.REFUSE_503);
        String id = submit();
        await("TH to retry the delivery to VN", ASYNC, () -> attempts(id) >= 3);

        // longer than any in-memory redelivery could last: TH stops and starts again while VN is still down
        th.close();
        th = startTh();
        await("TH to keep retrying after its restart", ASYNC, () -> events(TH_PORT, id).stream()
                .filter("DELIVERY_RETRY"::equals).count() >= 5);
        assertThat(status(TH_PORT, id)).isEqualTo("TRANSMITTED");
        assertThat(status(VN_PORT, id)).isNull();

        proxy.mode(FaultProxy.Mode.PASS);

        await("VN to receive the certificate and TH to record its ACK", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
        assertHandedOverOnce(id);
        assertThat(json(get(TH_PORT, "/api/v1/certificates/" + id)).path("transportStatus").asText()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void aPartnerAnswering503IsRetriedByItsRetryPolicyAloneAndEveryPostIsACountedAttempt() {
        proxy.mode(FaultProxy.Mode.REFUSE_503);
        int before = proxy.requests();
        String id = submit();

        // the proxy asks for 30 s (Retry-After); the policy's delays are hundreds of milliseconds
        await("TH to make three attempts", ASYNC, () -> attempts(id) >= 3);
        proxy.mode(FaultProxy.Mode.PASS);
        await("TH to record VN's ACK", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));

        long sent = events(TH_PORT, id).stream().filter("SENT"::equals).count();
        assertThat(proxy.requests() - before).as("POSTs the partner saw, against the attempts TH audited")
                .isEqualTo(sent).isEqualTo(attempts(id));
    }

    @Test
    void aBacklogForVnHasNoMoreCertificatesOnTheirWayThanVnsPartnerFileSaysIsPagedToDiskAndAllArriveOnceReleased()
            throws Exception {
        proxy.mode(FaultProxy.Mode.HOLD_BEFORE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(submit());
        }

        // concurrentDeliveries: 3 in TH's vn.yaml; each held delivery keeps one consumer waiting for its answer
        await("three deliveries on their way to VN", ASYNC, () -> proxy.held() == 3);
        Thread.sleep(1500);
        assertThat(proxy.held()).as("deliveries on their way once the first three wait").isEqualTo(3);
        assertThat(ids.stream().filter(id -> attempts(id) > 0).count()).as("certificates with an attempt").isEqualTo(3);
        assertThat(deliveryQueueToVnIsPaged()).as("VN's backlog beyond " + BROKER_MEMORY + " of broker memory on disk")
                .isTrue();

        proxy.mode(FaultProxy.Mode.PASS);
        for (String id : ids) {
            await(id + " ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
            assertHandedOverOnce(id);
        }
    }

    @Test
    void certificateRefusedByThePartnerFailsAtOnceAndAReplayAfterItRecoversDeliversItOnceWithTheOperatorInItsHistory() {
        proxy.mode(FaultProxy.Mode.REFUSE_400);
        String id = submit();
        await("the refused certificate to be FAILED", ASYNC, () -> "FAILED".equals(status(TH_PORT, id)));
        assertThat(events(TH_PORT, id)).doesNotContain("DELIVERY_RETRY");
        JsonNode deadLetters = json(get(TH_PORT, "/api/v1/dead-letters"));
        JsonNode entry = find(deadLetters, id);
        assertThat(entry.path("partnerId").asText()).isEqualTo("vn");
        assertThat(entry.path("lastError").asText()).contains("400");

        proxy.mode(FaultProxy.Mode.PASS);
        var replay = post(TH_PORT, "/api/v1/certificates/" + id + "/replay", "application/json", new byte[0]);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(json(replay).path("removedFromDlq").asBoolean()).isTrue();
        await("the replayed certificate to be ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
        assertHandedOverOnce(id);
        assertThat(events(TH_PORT, id)).containsSubsequence("SENT", "FAILED", "REPLAYED", "SENT", "ACKNOWLEDGED");
        String replayed = eventDetail(TH_PORT, id, "REPLAYED");
        assertThat(replayed).contains("replayed by").contains("via http from 127.0.0.1");
        assertThat(find(json(get(TH_PORT, "/api/v1/dead-letters")), id)).isNull();

        // a second replay of a certificate that is no longer FAILED is refused
        assertThat(post(TH_PORT, "/api/v1/certificates/" + id + "/replay", "application/json", new byte[0]).statusCode())
                .isEqualTo(409);
    }

    @Test
    void theReplayOperationHawtioShowsInJmxSendsAFailedCertificateAgain() throws Exception {
        proxy.mode(FaultProxy.Mode.REFUSE_400);
        String id = submit();
        await("the refused certificate to be FAILED", ASYNC, () -> "FAILED".equals(status(TH_PORT, id)));
        proxy.mode(FaultProxy.Mode.PASS);

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.originhub:type=DeadLetters,hub=th,*"), null);
        assertThat(names).hasSize(1);
        ObjectName deadLetters = names.iterator().next();
        assertThat((Integer) jmx.getAttribute(deadLetters, "Count")).isPositive();
        // Hawtio reads it through Jolokia, as the console's JMX tab does
        var viaJolokia = get(TH_PORT, "/actuator/jolokia/read/org.originhub:type=DeadLetters,hub=th/Count");
        assertThat(viaJolokia.statusCode()).as(viaJolokia.body()).isEqualTo(200);
        assertThat(json(viaJolokia).path("value").asInt()).isPositive();

        Object answer = jmx.invoke(deadLetters, "replay", new Object[] {id}, new String[] {String.class.getName()});

        assertThat(answer.toString()).contains("replayed " + id);
        await("the replayed certificate to be ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
        assertThat(eventDetail(TH_PORT, id, "REPLAYED")).contains("via jmx");
        assertHandedOverOnce(id);
    }

    @Test
    void senderThatLostTheAckGetsItAgainWhenItResendsAndVnHandsTheCertificateOverOnce() throws Exception {
        String id = submit();
        await("ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
        // what a sender resends after a crash: the same certificate, here even under a new message id (so signed anew)
        String envelope = TestSigning.resign(get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body()
                .replaceFirst("<MessageID>[^<]+</MessageID>", "<MessageID>" + java.util.UUID.randomUUID() + "</MessageID>"),
                TestSigning.demo());

        var ack = post(VN_PORT, "/api/v1/exchange", "application/xml", envelope.getBytes(StandardCharsets.UTF_8));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("<ResultCode>AC</ResultCode>");
        assertThat(events(VN_PORT, id)).contains("DUPLICATE");
        assertHandedOverOnce(id);
    }

    @Test
    void aPartnersRepeatedAckAndARedeliveredMessageChangeNothing() throws Exception {
        String id = submit();
        await("ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
        String messageId = json(get(TH_PORT, "/api/v1/certificates/" + id)).path("messageId").asText();
        int forwarded = proxy.forwarded();

        // the broker delivers the message once more (a consumer crashed before its commit): nothing is sent
        JmsTemplate jms = new JmsTemplate(th.getBean("jmsConnectionFactory", ConnectionFactory.class));
        jms.send("originhub.delivery.vn", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body().getBytes(StandardCharsets.UTF_8));
            message.setStringProperty(DeliveryAttempts.MESSAGE_ID_HEADER, messageId);
            return message;
        });
        // and the partner's ACK arrives a second time, to an attempt that holds the row as it left it (TRANSMITTED)
        String ack = post(VN_PORT, "/api/v1/exchange", "application/xml",
                get(TH_PORT, "/api/v1/certificates/" + id + "/canonical").body().getBytes(StandardCharsets.UTF_8)).body();
        CertificateRecord sent = th.getBean(CertificateStore.class).findWithoutEnvelope(Direction.OUTBOUND, messageId)
                .orElseThrow().withStatus(LifecycleStatus.TRANSMITTED);
        th.getBean(DeliveryAttempts.class).recordResponse(ack.getBytes(StandardCharsets.UTF_8), 200, sent);

        assertThat(eventDetail(TH_PORT, id, "DUPLICATE")).contains("repeated ACK");
        Thread.sleep(1000);
        assertThat(proxy.forwarded()).isEqualTo(forwarded);
        assertThat(status(TH_PORT, id)).isEqualTo("ACCEPTED");
        assertThat(events(TH_PORT, id).stream().filter("SENT"::equals).count()).isEqualTo(1);
        assertHandedOverOnce(id);
    }

    @Test
    void redeliveredJmsSubmissionIsAnsweredDuplicateAndSentOnce() throws Exception {
        String id = nextId();
        byte[] document = formdVariant(id, "VIET NAM");
        JmsTemplate jms = new JmsTemplate(th.getBean("jmsConnectionFactory", ConnectionFactory.class));
        jms.setReceiveTimeout(20_000);

        for (int i = 0; i < 2; i++) {
            jms.send("originhub.ingest.formd-xml", session -> {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(document);
                return message;
            });
        }
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            reports.add(new String(readBytes((BytesMessage) jms.receive("originhub.ingest.formd-xml.reports")), StandardCharsets.UTF_8));
        }

        assertThat(reports.get(0)).contains("\"ACCEPTED\"");
        assertThat(reports.get(1)).contains("\"DUPLICATE\"");
        await("ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
        assertHandedOverOnce(id);
    }

    @Test
    void poisonDocumentOnTheIngestQueueIsQuarantinedAtOnceAndTheNextOneStillGoesThrough() throws Exception {
        String good = nextId();
        JmsTemplate jms = new JmsTemplate(th.getBean("jmsConnectionFactory", ConnectionFactory.class));
        jms.setReceiveTimeout(20_000);
        byte[] poison = "<FormD><RefNo>never closed".getBytes(StandardCharsets.UTF_8);
        for (byte[] document : List.of(poison, formdVariant(good, "VIET NAM"))) {
            jms.send("originhub.ingest.formd-xml", session -> {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(document);
                return message;
            });
        }

        String first = new String(readBytes((BytesMessage) jms.receive("originhub.ingest.formd-xml.reports")), StandardCharsets.UTF_8);
        String second = new String(readBytes((BytesMessage) jms.receive("originhub.ingest.formd-xml.reports")), StandardCharsets.UTF_8);
        BytesMessage quarantined = (BytesMessage) jms.receive("originhub.ingest.formd-xml.quarantine");

        assertThat(first).contains("E001").contains("\"rejected\":1");
        assertThat(second).contains("\"ACCEPTED\"");
        assertThat(quarantined).isNotNull();
        assertThat(readBytes(quarantined)).isEqualTo(poison);
        assertThat(quarantined.getStringProperty("OriginHubErrors")).contains("E001");
        // permanent: answered once, never redelivered
        jms.setReceiveTimeout(1500);
        assertThat(jms.receive("originhub.ingest.formd-xml.reports")).isNull();
        await("the good certificate ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, good)));
    }

    @Test
    void certificateStoredWithoutItsMessageIsFoundAndQueuedAgainByTheStartUpSweep() {
        // what a hub killed between the database commit and the broker commit leaves: a row, no message
        String template = submit();
        await("ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, template)));
        String id = nextId();
        String messageId = java.util.UUID.randomUUID().toString();
        // stored as the hub stores it: signed
        String envelope = TestSigning.resign(get(TH_PORT, "/api/v1/certificates/" + template + "/canonical").body()
                .replace(template, id).replaceFirst("<MessageID>[^<]+</MessageID>", "<MessageID>" + messageId + "</MessageID>"),
                TestSigning.demo());
        java.time.Instant now = java.time.Instant.now();
        th.getBean(CertificateStore.class).insert(new CertificateRecord(Direction.OUTBOUND, id, "TH-DFT", "9", messageId,
                "formd-xml", "vn", "ATIGA", LifecycleStatus.ISSUED, "QUEUED",
                Sha256.of(envelope.getBytes(StandardCharsets.UTF_8)), envelope, now, now, "atiga-eform-d-th-vn", null));

        int requeued = th.getBean(StrandedCertificates.class).recover();

        assertThat(requeued).isEqualTo(1);
        await("the stranded certificate ACCEPTED", ASYNC, () -> "ACCEPTED".equals(status(TH_PORT, id)));
        // here the delivery consumer already runs (at start-up the sweep runs before it), so it may record SENT
        // before the sweep records REQUEUED for the message it has just queued
        assertThat(events(TH_PORT, id)).contains("REQUEUED").containsSubsequence("SENT", "ACKNOWLEDGED");
        assertHandedOverOnce(id);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static boolean deliveryQueueToVnIsPaged() throws Exception {
        SimpleString address = SimpleString.of("originhub.delivery.vn");
        return th.getBean(EmbeddedActiveMQ.class).getActiveMQServer().getPagingManager().getPageStore(address).isPaging();
    }

    private static synchronized String nextId() {
        return "TH-DFT-2025-R-" + String.format("%07d", ++serial) + "-" + (System.nanoTime() % 100000);
    }

    private static String submit() {
        String id = nextId();
        var answer = post(TH_PORT, "/api/v1/sources/formd-xml/certificates", "application/xml", formdVariant(id, "VIET NAM"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return id;
    }

    private static byte[] readBytes(BytesMessage message) throws Exception {
        byte[] bytes = new byte[(int) message.getBodyLength()];
        message.readBytes(bytes);
        return bytes;
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode find(JsonNode array, String certificateId) {
        for (JsonNode node : array) {
            if (certificateId.equals(node.path("certificateId").asText())) {
                return node;
            }
        }
        return null;
    }

    private static String status(int port, String id) {
        var response = get(port, "/api/v1/certificates/" + id);
        return response.statusCode() == 200 ? json(response).path("status").asText() : null;
    }

    private static int attempts(String id) {
        var response = get(TH_PORT, "/api/v1/certificates/" + id);
        return response.statusCode() == 200 ? json(response).path("attempts").asInt() : 0;
    }

    private static List<String> events(int port, String id) {
        List<String> names = new ArrayList<>();
        var response = get(port, "/api/v1/certificates/" + id);
        if (response.statusCode() == 200) {
            json(response).path("events").forEach(e -> names.add(e.path("event").asText()));
        }
        return names;
    }

    private static String eventDetail(int port, String id, String event) {
        for (JsonNode e : json(get(port, "/api/v1/certificates/" + id)).path("events")) {
            if (event.equals(e.path("event").asText())) {
                return e.path("detail").asText();
            }
        }
        return "";
    }

    /** VN hands the certificate to its national system once, and only once (the hand-over runs after the ACK). */
    private static void assertHandedOverOnce(String id) {
        await("VN to hand " + id + " over", ASYNC, () -> handedOver(id) >= 1);
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(handedOver(id)).as("hand-overs of %s", id).isEqualTo(1);
    }

    /** How many times VN handed the certificate to its national system. */
    private static long handedOver(String id) {
        return events(VN_PORT, id).stream().filter("HANDED_TO_NATIONAL"::equals).count();
    }
}

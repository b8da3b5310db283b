package org.originhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.originhub.store.CertificateLogContext;
import org.originhub.support.DemoHubTestBase;
import org.originhub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The HTTP ingest API of the demo hub, end to end: a certificate posted by a national source is answered,
 * travels to its partner (the hub itself), is acknowledged and handed over to the national system; bad
 * documents and bad certificates are refused with coded errors and never delivered.
 */
class HttpIngestTest extends DemoHubTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASYNC = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    private CamelContext camel;

    @Autowired
    private org.originhub.http.RequestLanes lanes;

    private static final String FORMD_SAMPLE_ID = "TH-DFT-2025-D-0001234";
    private static final String CL_SAMPLE_ID = "CL-SOFOFA-2025-000123";
    private static final String KR_SAMPLE_ID_1 = "KR2025A00012345";
    private static final String KR_SAMPLE_ID_2 = "KR2025A00012346";

    /** A certificate id no other test of this run uses (at most 35 characters). */
    static String uniqueId(String prefix) {
        return prefix + "-H" + RUN + "-" + SEQ.incrementAndGet();
    }

    static String formd(String certificateId) {
        return sampleText("formd-xml/TH-VN-rubber.xml").replace(FORMD_SAMPLE_ID, certificateId);
    }

    static String clJson(String certificateId) {
        return sampleText("cl-json/CL-PE-grapes.json").replace(CL_SAMPLE_ID, certificateId);
    }

    static String sampleText(String relative) {
        return new String(HubTestSupport.sample(relative), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> submit(String sourceId, String contentType, String body) {
        return HubTestSupport.post(PORT, "/api/v1/sources/" + sourceId + "/certificates", contentType,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode status(String certificateId) {
        HttpResponse<String> response = HubTestSupport.get(PORT, "/api/v1/certificates/" + certificateId);
        if (response.statusCode() != 200) {
            return null;
        }
        return json(response);
    }

    private static List<String> events(JsonNode status) {
        List<String> names = new ArrayList<>();
        if (status != null) {
            status.path("events").forEach(e -> names.add(e.path("event").asText()));
        }
        return names;
    }

    /** Waits until the certificate is ACCEPTED by its partner (ACK recorded) and answers its status. */
    static JsonNode awaitAccepted(String certificateId) {
        JsonNode[] last = new JsonNode[1];
        try {
            HubTestSupport.await(certificateId + " ACCEPTED and ACKNOWLEDGED", ASYNC, () -> {
                last[0] = status(certificateId);
                return last[0] != null && "ACCEPTED".equals(last[0].path("status").asText())
                        && events(last[0]).contains("ACKNOWLEDGED");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status: " + last[0], e);
        }
        return last[0];
    }

    private static void assertNeverDelivered(String certificateId) {
        JsonNode status = status(certificateId);
        assertThat(status).as("GET status of %s", certificateId).isNotNull();
        assertThat(status.path("status").asText()).isEqualTo("REJECTED");
        assertThat(events(status)).startsWith("RECEIVED").endsWith("REJECTED").doesNotContain("SENT", "QUEUED");
    }

    /** The answer to a document whose only certificate is refused: 400, and that certificate's outcome, REJECTED. */
    private static JsonNode rejected(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode outcome = json(response).path("certificates").get(0);
        assertThat(outcome.path("status").asText()).as(response.body()).isEqualTo("REJECTED");
        return outcome;
    }

    private static List<String> codes(JsonNode outcome) {
        List<String> codes = new ArrayList<>();
        outcome.path("errors").forEach(e -> codes.add(e.path("code").asText()));
        return codes;
    }

    /** Camel's own MDC logging is off (docs/performance.md); the hub's notifier takes the id out of the context. */
    @Test
    void theCertificateIdLeavesTheLogContextThroughTheHubsNotifierNotCamelsMdcLogging() {
        assertThat(camel.isUseMDCLogging()).isFalse();
        assertThat(camel.getManagementStrategy().getEventNotifiers())
                .anyMatch(CertificateLogContext.class::isInstance);
    }

    @Test
    void formdXmlCertificateIsAcceptedDeliveredAcknowledgedAndHandedOver() throws Exception {
        String id = uniqueId("TH");
        HttpResponse<String> response = submit("formd-xml", "application/xml", formd(id));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.path("sourceId").asText()).isEqualTo("formd-xml");
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").asInt()).isZero();
        JsonNode outcome = answer.path("certificates").get(0);
        assertThat(outcome.path("certificateId").asText()).isEqualTo(id);
        assertThat(outcome.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(outcome.path("messageId").asText()).isNotBlank();
        assertThat(outcome.path("partner").asText()).isEqualTo("vn");

        JsonNode status = awaitAccepted(id);
        assertThat(events(status)).containsSubsequence("RECEIVED", "TRANSFORMED", "VALIDATED", "QUEUED", "SENT",
                "ACKNOWLEDGED");
        status.path("events").forEach(e -> {
            assertThat(e.path("code").asText()).startsWith("OH-");
            assertThat(e.path("direction").asText()).isIn("OUTBOUND", "INBOUND");
            assertThat(e.has("detail")).isTrue();
        });

        Path national = DATA.resolve("outbox").resolve("national").resolve(id + ".xml");
        HubTestSupport.await("national file " + national, ASYNC, () -> Files.exists(national));
        HubTestSupport.await("national file " + national + " complete", ASYNC, () -> {
            try {
                return Files.readString(national).contains(id);
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(Files.readString(national)).contains("urn:x-sample:eco:formd:1").contains("<RefNo>" + id + "</RefNo>");
    }

    @Test
    void krCsvBatchWithOneBadCertificateKeepsTheGoodOnes() {
        String good1 = uniqueId("KR");
        String bad = uniqueId("KR");
        String good2 = uniqueId("KR");
        String[] lines = sampleText("kr-csv/KR-ID-steel-batch.csv").split("\n");
        // lines[0] comment; lines[1..3] certificate 1 (H + 2 I); lines[4..5] certificate 2 (H + 1 I)
        List<String> batch = new ArrayList<>();
        batch.add(lines[0]);
        for (int i = 1; i <= 3; i++) {
            batch.add(lines[i].replace(KR_SAMPLE_ID_1, good1));                      // lines 2-4
        }
        for (int i = 1; i <= 3; i++) {
            String line = lines[i].replace(KR_SAMPLE_ID_1, bad);
            if (i == 1) {
                line = line.replace(";Cilegon;IDN;", ";Cilegon;XXX;");               // line 5: CNE_CTRY unknown
            }
            batch.add(line);                                                          // lines 5-7
        }
        for (int i = 4; i <= 5; i++) {
            batch.add(lines[i].replace(KR_SAMPLE_ID_2, good2));                      // lines 8-9
        }
        String document = String.join("\n", batch) + "\n";
        assertThat(document).contains(";Cilegon;XXX;");

        HttpResponse<String> response = submit("kr-csv", "text/csv", document);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.path("rejected").asInt()).isEqualTo(1);
        JsonNode certificates = answer.path("certificates");
        assertThat(certificates).hasSize(3);
        JsonNode first = certificates.get(0);
        JsonNode middle = certificates.get(1);
        JsonNode last = certificates.get(2);
        assertThat(first.path("certificateId").asText()).isEqualTo(good1);
        assertThat(first.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(first.path("line").asInt()).isEqualTo(2);
        assertThat(last.path("certificateId").asText()).isEqualTo(good2);
        assertThat(last.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(last.path("line").asInt()).isEqualTo(8);

        assertThat(middle.path("certificateId").asText()).isEqualTo(bad);
        assertThat(middle.path("status").asText()).isEqualTo("REJECTED");
        assertThat(middle.path("line").asInt()).isEqualTo(5);
        assertThat(codes(middle)).containsExactly("E040");
        JsonNode error = middle.path("errors").get(0);
        assertThat(error.path("field").asText()).contains("5").contains("CNE_CTRY");
        assertThat(error.path("message").asText()).contains("XXX");

        awaitAccepted(good1);
        awaitAccepted(good2);
        assertNeverDelivered(bad);
    }

    @Test
    void malformedXmlIsRefusedWithE001() {
        String id = uniqueId("TH");
        String document = formd(id).replace("</FormD>", ""); // not well-formed: the root is never closed

        HttpResponse<String> response = submit("formd-xml", "application/xml", document);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode answer = json(response);
        assertThat(answer.path("accepted").asInt()).isZero();
        JsonNode outcome = answer.path("certificates").get(0);
        assertThat(outcome.path("status").asText()).isEqualTo("REJECTED");
        assertThat(codes(outcome)).contains("E001");
        if (outcome.hasNonNull("certificateId")) {
            assertNeverDelivered(outcome.path("certificateId").asText());
        }
        assertThat(status(id) == null || "REJECTED".equals(status(id).path("status").asText())).isTrue();
    }

    @Test
    void unknownCountryNameInFormdXmlIsRefusedWithE040NamingTheField() {
        String id = uniqueId("TH");
        String document = formd(id).replace("<ImportingCountry>VIET NAM</ImportingCountry>",
                "<ImportingCountry>ATLANTIS</ImportingCountry>");

        HttpResponse<String> response = submit("formd-xml", "application/xml", document);

        JsonNode outcome = rejected(response);
        assertThat(outcome.path("certificateId").asText()).isEqualTo(id);
        assertThat(codes(outcome)).contains("E040");
        JsonNode e040 = null;
        for (JsonNode error : outcome.path("errors")) {
            if ("E040".equals(error.path("code").asText())) {
                e040 = error;
            }
        }
        assertThat(e040.path("field").asText()).contains("ImportingCountry");
        assertThat(e040.path("message").asText()).contains("ATLANTIS");
        assertNeverDelivered(id);
    }

    @Test
    void rvcCertificateWithoutFobValueIsRefusedByItsUtilityBlockWithE001NamingTheGoodsItem() {
        // the ATIGA block's data cluster requires the FOB value where RVC is the origin criterion; the hub checks it
        // on the tree its stylesheet built
        String id = uniqueId("TH");
        String document = formd(id).replace("<FOBValue>USD 71,200.00</FOBValue>", "");

        HttpResponse<String> response = submit("formd-xml", "application/xml", document);

        JsonNode outcome = rejected(response);
        assertThat(codes(outcome)).containsExactly("E001");
        assertThat(outcome.path("errors").get(0).path("field").asText())
                .isEqualTo("/CertificateOfOrigin/GoodsItem[2]/FOBValue");
        assertThat(outcome.path("errors").get(0).path("message").asText()).contains("atiga");
        assertNeverDelivered(id);
    }

    @Test
    void clJsonWithPesoBrutoAsStringIsRefusedWithE040() {
        String id = uniqueId("CL");
        String document = clJson(id).replace("\"pesoBruto\": 13100", "\"pesoBruto\": \"13100\"");
        assertThat(document).contains("\"pesoBruto\": \"13100\"");

        HttpResponse<String> response = submit("cl-json", "application/json", document);

        JsonNode outcome = rejected(response);
        assertThat(codes(outcome)).contains("E040");
        assertThat(outcome.path("errors").toString()).contains("pesoBruto");
        assertNeverDelivered(id);
    }

    @Test
    void documentWithDoctypeIsRefusedAndNothingIsExpanded() {
        String id = uniqueId("TH");
        String marker = "EXPANDED-" + id;
        String document = formd(id)
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE FormD [\n"
                                + "  <!ENTITY inner \"" + marker + "\">\n"
                                + "  <!ENTITY outer SYSTEM \"file:///etc/passwd\">\n]>")
                .replace("<Description>NATURAL RUBBER TSR 20</Description>", "<Description>&inner;&outer;</Description>");
        assertThat(document).contains("<!DOCTYPE");

        HttpResponse<String> response = submit("formd-xml", "application/xml", document);

        JsonNode outcome = rejected(response);
        assertThat(codes(outcome)).contains("E001");
        assertThat(response.body()).doesNotContain(marker).doesNotContain("root:");
        if (outcome.hasNonNull("certificateId")) {
            assertNeverDelivered(outcome.path("certificateId").asText());
        }
    }

    @Test
    void exchangeEnvelopeWithDoctypeIsRefusedWith400AndNothingIsExpanded() {
        String marker = "EXPANDED-" + uniqueId("XX");
        String envelope = "<?xml version=\"1.0\"?>\n<!DOCTYPE Envelope [ <!ENTITY inner \"" + marker + "\">"
                + " <!ENTITY outer SYSTEM \"file:///etc/passwd\"> ]>\n"
                + "<Envelope xmlns=\"urn:originhub:canonical:1\"><MessageID>&inner;&outer;</MessageID></Envelope>";

        HttpResponse<String> response = HubTestSupport.post(PORT, "/api/v1/exchange", "application/xml",
                envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("E001").doesNotContain(marker).doesNotContain("root:");
    }

    @Test
    void exchangeFromAnUnknownPartnerIsAnsweredWithAnAckRejectingItWithE020() throws Exception {
        // A valid envelope as a partner hub would send it, but from a party no block names.
        String id = uniqueId("TH");
        HttpResponse<String> accepted = submit("formd-xml", "application/xml", formd(id));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String canonical = HubTestSupport.get(PORT, "/api/v1/certificates/" + id + "/canonical").body();
        String forged = canonical.replace("<SenderID>TH:OH</SenderID>", "<SenderID>TH:NOBODY</SenderID>")
                .replaceAll("<MessageID>[^<]+</MessageID>", "<MessageID>" + java.util.UUID.randomUUID() + "</MessageID>");

        HttpResponse<String> ack = HubTestSupport.post(PORT, "/api/v1/exchange", "application/xml",
                forged.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("<ResultCode>RE</ResultCode>", "<Code>E020</Code>", "TH:NOBODY");
    }

    @Test
    void unknownSourceIsRefusedLikeAWrongKeyWithoutSayingWhichSourcesExist() {
        HttpResponse<String> response = submit("no-such-source", "application/xml", formd(uniqueId("TH")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).path("message").asText()).doesNotContain("no-such-source");
    }

    @Test
    void documentAboveTheSizeLimitIs413() {
        byte[] body = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        HttpResponse<String> response = HubTestSupport.post(PORT, "/api/v1/sources/formd-xml/certificates",
                "application/xml", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    }

    @Test
    void samePostRetriedIsAnsweredDuplicateWithTheFirstOutcomeAndNothingNewIsSent() {
        String id = uniqueId("TH");
        HttpResponse<String> first = submit("formd-xml", "application/xml", formd(id));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String firstMessage = json(first).path("certificates").get(0).path("messageId").asText();

        // a national system that lost the first answer posts again: it gets the answer it missed
        HttpResponse<String> second = submit("formd-xml", "application/xml", formd(id));

        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        JsonNode outcome = json(second).path("certificates").get(0);
        assertThat(outcome.path("certificateId").asText()).isEqualTo(id);
        assertThat(outcome.path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(outcome.path("messageId").asText()).isEqualTo(firstMessage);
        assertThat(outcome.path("originalStatus").asText()).isNotEmpty();
        awaitAccepted(id);
        assertThat(events(status(id))).containsOnlyOnce("QUEUED").containsOnlyOnce("SENT").contains("DUPLICATE");
    }

    @Test
    void otherContentUnderAnIdentityAlreadySubmittedIsRefusedWithE030() {
        String id = uniqueId("TH");
        assertThat(submit("formd-xml", "application/xml", formd(id)).statusCode()).isEqualTo(202);
        String changed = formd(id).replace("NATURAL RUBBER TSR 20", "NATURAL RUBBER TSR 10");

        HttpResponse<String> second = submit("formd-xml", "application/xml", changed);

        JsonNode outcome = rejected(second);
        assertThat(codes(outcome)).containsExactly("E030");
        // the first submission is unaffected
        awaitAccepted(id);
    }

    @Test
    void unknownCertificateIs404() {
        HttpResponse<String> response = HubTestSupport.get(PORT, "/api/v1/certificates/NO-SUCH-" + uniqueId("X"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }

    @Test
    void canonicalEnvelopeIsAnsweredAsXml() {
        String id = uniqueId("TH");
        HttpResponse<String> submitted = submit("formd-xml", "application/xml", formd(id));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);

        HttpResponse<String> response = HubTestSupport.get(PORT, "/api/v1/certificates/" + id + "/canonical");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/xml"));
        assertThat(response.body()).contains("urn:originhub:canonical:1").contains("Envelope")
                .contains("CertificateOfOrigin").contains(id);
    }

    /**
     * The document is taken as the bytes sent: its own declaration says how to read them. Decoded as UTF-8 on the way
     * in (no charset in the content type) and encoded back, the é of a Latin-1 document came out as U+FFFD.
     */
    @Test
    void aDocumentIsReadInTheEncodingItDeclaresNotAsTheRequestsText() {
        String id = uniqueId("TH");
        String latin1 = formd(id).replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("Siam Rubber Co., Ltd.", "Société Siam Rubber");
        HttpResponse<String> submitted = HubTestSupport.post(PORT, "/api/v1/sources/formd-xml/certificates",
                "application/xml", latin1.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);

        String canonical = HubTestSupport.get(PORT, "/api/v1/certificates/" + id + "/canonical").body();

        assertThat(canonical).contains("Société Siam Rubber");
    }

    @Test
    void certificateTheBrokerRefusesIsAnswered503NothingIsStoredAndItsAuditShowsTheStagesItPassed() throws Exception {
        // the send to the delivery queue fails for this certificate only (others share the hub)
        String id = uniqueId("TH-REFUSED");
        AdviceWith.adviceWith(camel, "register-certificate", route -> route.weaveById("queue-for-partner").before()
                .process(exchange -> {
                    WorkItem item = exchange.getProperty(CertificatePipeline.WORK_ITEM, WorkItem.class);
                    if (id.equals(item.certificateId())) {
                        throw new IllegalStateException("the broker refused the message (test)");
                    }
                }));

        HttpResponse<String> response = submit("formd-xml", "application/xml", formd(id));

        // not accepted, and the source is told to submit again later
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("the broker refused the message (test)");
        JsonNode status = status(id);
        assertThat(status.has("records")).as("no certificate row: the register transaction was rolled back").isFalse();
        assertThat(status.path("status").asText()).as("never rejected: it may be submitted again").isEqualTo("NOT_ACCEPTED");
        // the rows staged for the register transaction were rolled back with it, then written on their own
        assertThat(events(status)).containsExactly("RECEIVED", "TRANSFORMED", "VALIDATED");
    }

    @Test
    void healthIsUp() {
        // readiness may dip while a consumer recovers from a failed poll; the hub must come back UP by itself
        HubTestSupport.await("health UP", java.time.Duration.ofSeconds(30),
                () -> HubTestSupport.get(PORT, "/actuator/health").statusCode() == 200);
        HttpResponse<String> response = HubTestSupport.get(PORT, "/actuator/health");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    @Test
    void logCallsPassNoTurboFilterSoLevelChecksStayCheap() {
        // Micrometer's logback.events counter would install one, and every isDebugEnabled() would go through it
        ch.qos.logback.classic.LoggerContext logging =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();

        assertThat(logging.getTurboFilterList()).isEmpty();
    }

    @Test
    void theWebLayerAsksTheRoutesAnswerWhetherItIsFinishedBeforeSpringsAsynchronousHandlingOfFutures(
            @Autowired org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter adapter) {
        assertThat(adapter.getReturnValueHandlers()).first().isInstanceOf(org.originhub.http.FinishedRouteAnswers.class);
        assertThat(adapter.getReturnValueHandlers()).hasAtLeastOneElementOfType(
                org.springframework.web.servlet.mvc.method.annotation.DeferredResultMethodReturnValueHandler.class);
    }

    @Test
    void aSubmissionsRouteRunsOnTheWebServersThreadThatTookItWithinTheRequestLanes() throws Exception {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.camel.support.EventNotifierSupport notifier = new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent created
                        && "receive-http-certificates".equals(created.getExchange().getFromRouteId())) {
                    threads.add(Thread.currentThread().getName());
                }
            }
        };
        notifier.start();
        camel.getManagementStrategy().addEventNotifier(notifier);
        try {
            HttpResponse<String> response = submit("formd-xml", "application/xml", formd(uniqueId("TH")));

            assertThat(response.statusCode()).isEqualTo(202);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(notifier);
        }
        assertThat(threads).singleElement().satisfies(name -> assertThat(name).startsWith("http-nio-"));
        assertThat(lanes.size()).isEqualTo(8);
        // the answer is complete when the route has written it, a moment before the route's lane is given back
        HubTestSupport.await("the lane given back", Duration.ofSeconds(5), () -> lanes.busy() == 0);
    }
}

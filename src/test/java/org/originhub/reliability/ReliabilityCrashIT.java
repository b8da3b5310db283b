package org.originhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.originhub.support.ChildHub;
import org.originhub.support.FaultProxy;
import org.originhub.support.HubTestSupport;
import org.originhub.support.ReliabilityHubs;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At-least-once delivery across crashes, with duplicates eliminated: the sending hub (TH, the packaged jar in a
 * child JVM) is killed with SIGKILL while certificates are in each stage, and restarted; the receiving hub (VN)
 * must end with every certificate TH accepted, handed to its national system exactly once.
 *
 * Stages at the kills: right after ingest with the partner down (certificates committed and queued, or waiting
 * for the broker's redelivery); under a load of large certificates (requests in the middle of their
 * transformation and validation); during delivery (TH's request held by the network before VN sees it); before
 * the ACK is recorded (VN has the certificate, TH has not read its ACK); and under steady load, at a random moment.
 * Then one graceful stop (SIGTERM) under load. TH's broker keeps 64 KB of messages in memory, so its backlogs are
 * paged to disk when it is killed. A national system resubmits what it got no answer for, as real ones
 * do; an answer of 202 (ACCEPTED or DUPLICATE) makes a certificate accepted.
 *
 * Both hubs keep their store in H2, the default; {@link ReliabilityCrashOnPostgresIT} runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliabilityCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final int thPort = HubTestSupport.freePort();
    private final int vnPort = HubTestSupport.freePort();
    private final int proxyPort = HubTestSupport.freePort();
    private final Path thData = HubTestSupport.dataDir("crash-th");
    private final Path vnData = HubTestSupport.dataDir("crash-vn");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FaultProxy proxy;
    private ConfigurableApplicationContext vn;
    private ChildHub th;

    /** Certificate id → document, for every certificate whose submission got 202 (ACCEPTED or DUPLICATE). */
    private final Map<String, byte[]> accepted = new ConcurrentHashMap<>();
    /** Submissions that got no answer (the hub died under them): the national system sends them again. */
    private final Map<String, byte[]> unanswered = new ConcurrentHashMap<>();
    private final AtomicInteger serial = new AtomicInteger();
    private int kills;

    /** The arguments that give a hub its store; none for H2 in the hub's data folder. */
    protected List<String> database(String hub) {
        return List.of();
    }

    @BeforeAll
    void startHubs() throws Exception {
        proxy = new FaultProxy(proxyPort, URI.create("http://127.0.0.1:" + vnPort + "/api/v1/exchange"));
        vn = HubTestSupport.startHub(withDatabase(ReliabilityHubs.vn(vnPort, vnData), "vn").toArray(String[]::new));
        List<String> thArgs = withDatabase(ReliabilityHubs.th(thPort, thData, proxyPort), "th");
        // a dozen envelopes fill the broker's memory: the backlogs of the kills are in its page files
        thArgs.add("--originhub.broker.global-max-size=64KB");
        th = new ChildHub(thArgs, thPort, thData);
        th.start();
    }

    /** Files the broker paged messages to: the backlog the next kill finds on disk. */
    private long pageFiles() throws IOException {
        try (var files = Files.walk(thData.resolve("artemis").resolve("paging"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".page")).count();
        }
    }

    private List<String> withDatabase(List<String> args, String hub) {
        List<String> all = new ArrayList<>(args);
        all.addAll(database(hub));
        return all;
    }

    @AfterAll
    void stopHubs() throws Exception {
        if (th != null && th.alive()) {
            th.kill();
        }
        if (vn != null) {
            vn.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void everyAcceptedCertificateReachesThePartnerExactlyOnceWhateverStageTheSenderIsKilledIn() throws Exception {
        // 1. after ingest, partner down: committed, queued, some waiting for the broker's redelivery
        proxy.mode(FaultProxy.Mode.REFUSE_503);
        submitAll(30, 2);
        assertThat(pageFiles()).as("page files of TH's broker before the first kill").isPositive();
        killAndRestart("after ingest, partner down");
        proxy.mode(FaultProxy.Mode.PASS);

        // 2. large certificates in flight: killed in the middle of transformations and validations
        int inFlight = underLoad(4, 300, Duration.ofMillis(2500));
        killAndRestart("under load of 300-item certificates (" + inFlight + " requests in flight)");

        // 3. during delivery: TH's requests held before VN sees them
        proxy.mode(FaultProxy.Mode.HOLD_BEFORE);
        submitAll(10, 2);
        awaitHeld("during delivery");
        killAndRestart("during delivery (" + proxy.held() + " deliveries held before the partner)");
        proxy.mode(FaultProxy.Mode.PASS);

        // 4. before the ACK is recorded: VN has the certificates, TH has not read the ACKs
        proxy.mode(FaultProxy.Mode.HOLD_AFTER);
        submitAll(10, 2);
        awaitHeld("before the ACK is recorded");
        killAndRestart("before the ACK is recorded (" + proxy.held() + " ACKs held)");
        proxy.mode(FaultProxy.Mode.PASS);

        // 5. steady load, killed at a moment nobody chose
        inFlight = underLoad(3, 2, Duration.ofMillis(1500 + (long) (Math.random() * 2000)));
        killAndRestart("steady load (" + inFlight + " requests in flight)");

        // 6. graceful stop under load: in-flight exchanges finish
        ExecutorService load = Executors.newFixedThreadPool(3);
        AtomicBoolean running = new AtomicBoolean(true);
        for (int i = 0; i < 3; i++) {
            load.submit(() -> {
                // a national system backs off when the hub stops answering
                while (running.get() && submit(2)) {
                }
            });
        }
        Thread.sleep(1500);
        Duration stop = th.stop();
        running.set(false);
        load.shutdown();
        load.awaitTermination(30, TimeUnit.SECONDS);
        System.out.println("reliability: graceful stop under load took " + stop.toMillis() + " ms");
        assertThat(stop).as("graceful shutdown time").isLessThan(Duration.ofSeconds(45));
        th.start();

        // the national system resends what it got no answer for
        for (Map.Entry<String, byte[]> lost : Map.copyOf(unanswered).entrySet()) {
            resubmit(lost.getKey(), lost.getValue());
        }
        assertThat(unanswered).as("submissions still without an answer after the hub is back").isEmpty();

        // every accepted certificate reaches a terminal state, and VN hands each over exactly once
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(accepted.keySet());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!pending.isEmpty() && System.nanoTime() < end) {
            pending.removeIf(id -> "ACCEPTED".equals(status(id)) && handedOver(id) >= 1);
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        Thread.sleep(1000);
        Map<String, Integer> handovers = handovers();
        long duplicated = handovers.values().stream().filter(n -> n > 1).count();
        System.out.println("reliability: " + accepted.size() + " accepted, " + kills + " kills, " + pending.size()
                + " lost, " + duplicated + " duplicated");
        assertThat(pending).as("accepted certificates that never reached ACCEPTED at TH and VN's national system").isEmpty();
        assertThat(duplicated).as("certificates handed over more than once: " + handovers).isZero();
        assertThat(handovers.keySet()).containsAll(accepted.keySet());
        assertThat(accepted.size()).isGreaterThan(60);
    }

    // --- load ---------------------------------------------------------------------------------------------

    private void submitAll(int count, int items) {
        for (int i = 0; i < count; i++) {
            submit(items);
        }
    }

    /** Clients posting without pause; answers how many requests were open when the time was up. */
    private int underLoad(int clients, int items, Duration duration) throws InterruptedException {
        ExecutorService load = Executors.newFixedThreadPool(clients);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger open = new AtomicInteger();
        for (int i = 0; i < clients; i++) {
            load.submit(() -> {
                boolean answered = true;
                while (running.get() && answered) {
                    open.incrementAndGet();
                    try {
                        answered = submit(items);
                    } finally {
                        open.decrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(duration.toMillis());
        running.set(false);
        int inFlight = open.get();
        th.kill(); // the caller's killAndRestart finds it dead already: the kill is at this very moment
        load.shutdown();
        load.awaitTermination(30, TimeUnit.SECONDS);
        return inFlight;
    }

    /** Answers whether the hub answered at all. */
    private boolean submit(int items) {
        String id = "TH-DFT-2025-K-" + String.format("%07d", serial.incrementAndGet());
        byte[] document = formd(id, items);
        Integer status = post(document);
        if (status == null) {
            unanswered.put(id, document);
            return false;
        } else if (status == 202) {
            accepted.put(id, document);
        } else if (status != 503) {
            throw new AssertionError("certificate " + id + " answered " + status);
        }
        return true;
    }

    private void resubmit(String id, byte[] document) {
        Integer status = post(document);
        if (status != null && status == 202) {
            accepted.put(id, document);
            unanswered.remove(id);
        } else if (status != null) {
            throw new AssertionError("resubmitted certificate " + id + " answered " + status);
        }
    }

    private Integer post(byte[] document) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + thPort + "/api/v1/sources/formd-xml/certificates"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/xml")
                    .header("X-Api-Key", HubTestSupport.sourceKey("formd-xml"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The TH→VN Form D sample under another id, with as many goods items as asked (numbered 1, 2, …). */
    static byte[] formd(String id, int items) {
        String sample = new String(HubTestSupport.formdVariant(id, "VIET NAM"), StandardCharsets.UTF_8);
        int start = sample.indexOf("<Item no=\"1\">");
        int end = sample.indexOf("</Items>");
        String first = sample.substring(start, sample.indexOf("</Item>", start) + "</Item>".length());
        StringBuilder goods = new StringBuilder();
        for (int i = 1; i <= items; i++) {
            goods.append(first.replace("<Item no=\"1\">", "<Item no=\"" + i + "\">")).append('\n');
        }
        return (sample.substring(0, start) + goods + sample.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    // --- faults ---------------------------------------------------------------------------------------------

    private void killAndRestart(String stage) throws Exception {
        if (th.alive()) {
            th.kill();
        }
        kills++;
        System.out.println("reliability: kill " + kills + " " + stage + "; " + accepted.size() + " accepted so far");
        th.start();
    }

    private void awaitHeld(String stage) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (proxy.held() == 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(proxy.held()).as("deliveries held " + stage).isPositive();
    }

    // --- what each side recorded -------------------------------------------------------------------------------

    private String status(String id) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + thPort
                    + "/api/v1/certificates/" + id)).header("Authorization", HubTestSupport.OPERATOR).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode status = JSON.readTree(response.body());
            return status.path("status").asText();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private int handedOver(String id) {
        Integer count = vn.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM audit_event"
                + " WHERE event_name = 'HANDED_TO_NATIONAL' AND certificate_id = ?", Integer.class, id);
        return count == null ? 0 : count;
    }

    private Map<String, Integer> handovers() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        vn.getBean(JdbcTemplate.class).query("SELECT certificate_id, COUNT(*) FROM audit_event WHERE event_name ="
                + " 'HANDED_TO_NATIONAL' GROUP BY certificate_id", rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }
}

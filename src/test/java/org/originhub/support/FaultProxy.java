package org.originhub.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network between a sending hub and its partner, with faults on demand. PASS forwards each POST and answers
 * the partner's response; REFUSE answers 503 (the partner is down) or 400 (the partner refuses) without
 * forwarding; REFUSE_503 answers with
 * {@code Retry-After: 30}, as a hub that cannot persist does; HOLD_BEFORE keeps the request until released, before the partner sees it (the sender is "during
 * delivery"); HOLD_AFTER forwards it and keeps the partner's answer (the partner has the certificate, the sender
 * has not recorded the ACK). A held request is released when the mode changes.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Mode { PASS, REFUSE_503, REFUSE_400, HOLD_BEFORE, HOLD_AFTER }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;

    public FaultProxy(int port, URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public synchronized void mode(Mode mode) {
        this.mode = mode;
        notifyAll();
    }

    public int requests() {
        return requests.get();
    }

    /** Requests the partner actually received through this proxy. */
    public int forwarded() {
        return forwarded.get();
    }

    /** Requests waiting in a HOLD mode right now. */
    public int held() {
        return held.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            Mode now = mode;
            if (now == Mode.REFUSE_503 || now == Mode.REFUSE_400) {
                if (now == Mode.REFUSE_503) {
                    // as a hub that cannot persist answers (PersistenceGuard)
                    exchange.getResponseHeaders().set("Retry-After", "30");
                }
                answer(exchange, now == Mode.REFUSE_503 ? 503 : 400, "refused by the test's fault proxy".getBytes());
                return;
            }
            if (now == Mode.HOLD_BEFORE) {
                holdWhile(Mode.HOLD_BEFORE);
            }
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target)
                    .header("Content-Type", "application/xml").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
            if (mode == Mode.HOLD_AFTER) {
                holdWhile(Mode.HOLD_AFTER);
            }
            answer(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender went away while its request was held (it was killed): nothing to answer
        }
    }

    private synchronized void holdWhile(Mode holding) throws InterruptedException {
        held.incrementAndGet();
        try {
            while (mode == holding) {
                wait(1000);
            }
        } finally {
            held.decrementAndGet();
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        mode(Mode.PASS);
        server.stop(0);
        threads.shutdownNow();
    }
}

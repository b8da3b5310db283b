package org.originhub.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts documents the way a national issuing system does, to a hub or to the plain Camel reference. */
final class Ingest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final boolean hub;

    private Ingest(HttpClient http, String base, boolean hub) {
        this.http = http;
        this.base = base;
        this.hub = hub;
    }

    /** A hub: {@code POST /api/v1/sources/{source}/certificates} with the source's demo API key. */
    static Ingest hub(HttpClient http, int port) {
        return new Ingest(http, "http://127.0.0.1:" + port, true);
    }

    /** The plain Camel reference: {@code POST /ingest}, one formd-xml certificate per document. */
    static Ingest reference(HttpClient http, int port) {
        return new Ingest(http, "http://127.0.0.1:" + port, false);
    }

    Submission post(Documents.Document document, long intended) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub
                        ? base + "/api/v1/sources/" + document.sourceId() + "/certificates" : base + "/ingest"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", document.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(document.body()));
        if (hub) {
            request.header("X-Api-Key", "demo-key-" + document.sourceId());
        }
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long answered = System.nanoTime();
            return new Submission(document.sourceId(), document.certificateIds(), intended, sent, answered,
                    answer.statusCode(), accepted(answer, document));
        } catch (IOException e) {
            return new Submission(document.sourceId(), document.certificateIds(), intended, sent, System.nanoTime(),
                    Submission.FAILED, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Submission(document.sourceId(), document.certificateIds(), intended, sent, System.nanoTime(),
                    Submission.FAILED, 0);
        }
    }

    /** The hub lists each certificate's outcome; the reference answers 202 for its one certificate. */
    private int accepted(HttpResponse<byte[]> answer, Documents.Document document) throws IOException {
        if (answer.statusCode() != 202) {
            return 0;
        }
        if (!hub) {
            return document.certificateIds().size();
        }
        JsonNode body = JSON.readTree(answer.body());
        int accepted = 0;
        for (JsonNode certificate : body.path("certificates")) {
            // DUPLICATE would mean an id was reused: nothing new is sent, so it is not counted
            if ("ACCEPTED".equals(certificate.path("status").asText())) {
                accepted++;
            }
        }
        return accepted;
    }
}

package org.originhub.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.originhub.bench.Samples;

/**
 * The national samples as the load driver posts them: each document with certificate ids never used before, since
 * the hub answers a repeated id as DUPLICATE (or E030) and sends nothing. The content is the sample's otherwise, so
 * every document is realistic and passes every check the two hubs make.
 */
final class Documents {

    /** One national format: its sample, the ids in the sample, the source that submits it and its media type. */
    record Format(String id, String contentType, String text, List<String> sampleIds) {
    }

    /** One document ready to post: its source, media type, bytes and the certificate ids it carries. */
    record Document(String sourceId, String contentType, byte[] body, List<String> certificateIds) {
    }

    static final Map<String, Format> FORMATS = Map.of(
            "formd-xml", format("formd-xml", "application/xml", List.of("TH-DFT-2025-D-0001234")),
            // a batch of two certificates: one request, two certificates
            "kr-csv", format("kr-csv", "text/csv", List.of("KR2025A00012345", "KR2025A00012346")),
            "cl-json", format("cl-json", "application/json", List.of("CL-SOFOFA-2025-000123")));

    private final List<Format> pattern;
    private final String run;
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong certificates = new AtomicLong();

    /**
     * @param mix format id to weight, in documents: {formd-xml=1, kr-csv=1} posts them in turn
     * @param run a tag unique to the run, so that ids differ from those of any earlier run on the same data
     */
    Documents(Map<String, Integer> mix, String run) {
        List<Format> order = new ArrayList<>();
        mix.forEach((id, weight) -> {
            Format format = FORMATS.get(id);
            if (format == null) {
                throw new IllegalArgumentException("unknown format " + id + "; known: " + FORMATS.keySet());
            }
            for (int i = 0; i < weight; i++) {
                order.add(format);
            }
        });
        if (order.isEmpty()) {
            throw new IllegalArgumentException("the mix names no document");
        }
        this.pattern = List.copyOf(order);
        this.run = run;
    }

    /** The next document of the mix, thread-safe; formats follow each other in a fixed, weighted order. */
    Document next() {
        Format format = pattern.get((int) (documents.getAndIncrement() % pattern.size()));
        String text = format.text();
        List<String> ids = new ArrayList<>();
        for (String sampleId : format.sampleIds()) {
            // at most 35 characters (canonical Text35): e.g. B3KQ-formd-xml-00000042
            String id = "B" + run + "-" + format.id() + "-" + String.format("%08d", certificates.incrementAndGet());
            text = text.replace(sampleId, id);
            ids.add(id);
        }
        return new Document(format.id(), format.contentType(), text.getBytes(StandardCharsets.UTF_8), ids);
    }

    /** Certificates per document, averaged over the mix: turns a certificate rate into a request rate. */
    double certificatesPerDocument() {
        return pattern.stream().mapToInt(f -> f.sampleIds().size()).average().orElse(1);
    }

    private static Format format(String id, String contentType, List<String> sampleIds) {
        String text = new String(Samples.of(id), StandardCharsets.UTF_8);
        for (String sampleId : sampleIds) {
            if (!text.contains(sampleId)) {
                throw new IllegalStateException("the " + id + " sample no longer holds certificate " + sampleId);
            }
        }
        return new Format(id, contentType, text, sampleIds);
    }
}

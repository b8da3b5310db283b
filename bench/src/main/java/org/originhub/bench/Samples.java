package org.originhub.bench;

import java.io.IOException;
import java.io.InputStream;

/** The national sample documents of {@code samples/}, packed into the benchmark jar. */
public final class Samples {

    /** ASEAN-style e-Form D, two goods items (the README's quick-start document). */
    public static final String FORMD_XML = "samples/formd-xml/TH-VN-rubber.xml";
    /** Korean-style batch file holding two certificates (two items and one item). */
    public static final String KR_CSV = "samples/kr-csv/KR-ID-steel-batch.csv";
    /** Chilean-style JSON, one certificate, two goods items. */
    public static final String CL_JSON = "samples/cl-json/CL-PE-grapes.json";

    private Samples() {
    }

    /** The sample document of a national format. */
    public static byte[] of(String formatId) {
        return switch (formatId) {
            case "formd-xml" -> read(FORMD_XML);
            case "kr-csv" -> read(KR_CSV);
            case "cl-json" -> read(CL_JSON);
            default -> throw new IllegalArgumentException("no sample for format " + formatId);
        };
    }

    public static byte[] read(String resource) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (bench/pom.xml packs ../samples)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}

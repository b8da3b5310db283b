package org.originhub.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What every driver's results share: the UTC stamp in their names and how figures are written as JSON. */
public final class ResultFiles {

    private ResultFiles() {
    }

    /** The run's UTC time, as in bench/results/e2e-20261127T105616Z.json. */
    public static String stamp() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    /**
     * A short tag for the run, in every certificate id it sends, so that no id of an earlier run comes back (a repeated
     * id is answered DUPLICATE and nothing is sent).
     */
    public static String runTag() {
        return Long.toString(System.currentTimeMillis() / 1000 % (36L * 36 * 36 * 36), 36).toUpperCase();
    }

    /** NaN (no sample) is written as null, since JSON has no NaN; figures are rounded to 3 decimals. */
    public static ObjectMapper mapper() {
        JsonSerializer<Double> rounded = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
                if (value.isNaN()) {
                    out.writeNull();
                } else {
                    out.writeNumber(Math.round(value * 1000) / 1000.0);
                }
            }
        };
        SimpleModule module = new SimpleModule().addSerializer(Double.class, rounded).addSerializer(double.class, rounded);
        return new ObjectMapper().registerModule(module).enable(SerializationFeature.INDENT_OUTPUT);
    }
}

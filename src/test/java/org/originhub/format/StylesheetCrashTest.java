package org.originhub.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stylesheet that crashes on a document (an uncaught dynamic error, not one of its coded errors) rejects that
 * document for good with E001, naming the failure: the hub quarantines it and never retries it, and the next
 * document goes through the same stylesheet unharmed. No Camel: the format as the pipeline calls it.
 */
class StylesheetCrashTest {

    private static final NationalFormats FORMATS = NationalFormats.load(
            Path.of("src/test/resources/formats-crash").toUri().toString(), Path.of("xslt").toUri().toString(),
            Path.of("xsd").toUri().toString());

    @Test
    void documentThatCrashesTheStylesheetIsRejectedWithE001AndTheNextOneStillMaps() throws Exception {
        String sample = Files.readString(Path.of("samples/formd-xml/SG-CN-electronics.xml"));
        byte[] poison = sample.replaceFirst("<Remarks>[^<]*</Remarks>", "<Remarks>POISON</Remarks>")
                .getBytes(StandardCharsets.UTF_8);

        List<NationalCertificate> crashing = FORMATS.read("crash-xml", poison);
        MappingResult crashed = FORMATS.toCanonical(crashing.get(0));
        MappingResult next = FORMATS.toCanonical(FORMATS.read("crash-xml", sample.getBytes(StandardCharsets.UTF_8)).get(0));

        assertThat(crashing.get(0).passedNationalCheck()).as("a valid Form D").isTrue();
        assertThat(crashed.canonical()).isNull();
        assertThat(crashed.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("E001");
            assertThat(error.message()).contains("crash-xml mapping failed").contains("not a number");
        });
        assertThat(next.errors()).isEmpty();
        assertThat(new String(next.canonical(), StandardCharsets.UTF_8)).contains("CertificateOfOrigin");
    }
}

package org.originhub.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.Configuration;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;
import org.junit.jupiter.api.Test;

/**
 * The code lists reach the stylesheets as one parameter, read when the hub starts, instead of through doc() in every
 * transformation (docs/performance.md). Proven here: mapping every sample both ways resolves no code list, and a
 * stylesheet run on its own, without the parameter, reads the same lists through doc() and writes the same bytes.
 */
class CodeListParameterTest {

    private static final List<String[]> SAMPLES = List.of(new String[] {"formd-xml", "samples/formd-xml/TH-VN-rubber.xml"},
            new String[] {"formd-xml", "samples/formd-xml/SG-CN-electronics.xml"},
            new String[] {"kr-csv", "samples/kr-csv/KR-ID-steel-batch.csv"},
            new String[] {"cl-json", "samples/cl-json/CL-PE-grapes.json"});

    @Test
    void mappingEverySampleBothWaysResolvesNoCodeListWhileTheHubRuns() throws Exception {
        XsltEngine engine = new XsltEngine(Path.of("xslt").toUri().toURL(), Path.of("xsd").toUri().toURL());
        NationalFormats formats = NationalFormats.load(engine, Path.of("config/formats").toUri().toString(),
                Path.of("xslt").toUri().toString(), Path.of("xsd").toUri().toString());
        Configuration saxon = engine.processor().getUnderlyingConfiguration();
        ResourceResolver hubs = saxon.getResourceResolver();
        List<String> resolved = new CopyOnWriteArrayList<>();
        saxon.setResourceResolver(request -> {
            resolved.add(request.uri);
            return hubs.resolve(request);
        });

        int mapped = 0;
        for (String[] sample : SAMPLES) {
            for (NationalCertificate certificate : formats.read(sample[0], Files.readAllBytes(Path.of(sample[1])))) {
                MappingResult canonical = formats.toCanonical(certificate);
                assertThat(canonical.errors()).as(sample[1]).isEmpty();
                for (String format : formats.ids()) {
                    try {
                        formats.fromCanonical(format, canonical.canonical());
                    } catch (IllegalArgumentException refused) {
                        // a certificate another format cannot spell: refused after its code lists were read
                    }
                    mapped++;
                }
            }
        }

        assertThat(mapped).isEqualTo(15);
        assertThat(resolved).isEmpty();
    }

    @Test
    void aStylesheetRunOnItsOwnReadsTheSameCodeListsThroughDocAndWritesTheSameBytes() throws Exception {
        NationalFormats formats = NationalFormats.fromProjectDirectories();
        Processor alone = new Processor(false);
        int compared = 0;
        for (String[] sample : SAMPLES) {
            String format = sample[0];
            XsltExecutable toCanonical = alone.newXsltCompiler().compile(
                    Path.of("xslt", format, format + "-to-canonical.xsl").toFile());
            for (NationalCertificate certificate : formats.read(format, Files.readAllBytes(Path.of(sample[1])))) {
                byte[] canonical = formats.toCanonical(certificate).canonical();
                assertThat(canonicalAlone(alone, toCanonical, certificate.source())).as(sample[1]).isEqualTo(canonical);
                for (String target : formats.ids()) {
                    XsltExecutable fromCanonical = alone.newXsltCompiler().compile(
                            Path.of("xslt", target, "canonical-to-" + target + ".xsl").toFile());
                    assertThat(nationalAlone(alone, fromCanonical, canonical)).as("%s as %s", sample[1], target)
                            .isEqualTo(outcome(() -> formats.fromCanonical(target, canonical)));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(15);
    }

    /** As the hub writes a mapped certificate (NationalFormat.toCanonical). */
    private static byte[] canonicalAlone(Processor saxon, XsltExecutable stylesheet, XdmNode source) throws SaxonApiException {
        XdmDestination result = new XdmDestination();
        // a copy on this processor's own configuration, which Saxon requires of a source
        stylesheet.load30().applyTemplates(saxon.newDocumentBuilder().build(source.asSource()), result);
        XdmNode root = result.getXdmNode().children().iterator().next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer serializer = saxon.newSerializer(out);
        serializer.setOutputProperty(Serializer.Property.ENCODING, "UTF-8");
        serializer.serializeNode(root);
        return out.toByteArray();
    }

    private static String nationalAlone(Processor saxon, XsltExecutable stylesheet, byte[] canonical) {
        return outcome(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Xslt30Transformer transformer = stylesheet.load30();
            transformer.setMessageHandler(message -> { });
            transformer.applyTemplates(saxon.newDocumentBuilder().build(new StreamSource(new ByteArrayInputStream(canonical))),
                    transformer.newSerializer(out));
            return out.toByteArray();
        });
    }

    private interface Rendering {
        byte[] render() throws Exception;
    }

    /** The document, or "refused" for a certificate the format cannot spell (either way the same for both runs). */
    private static String outcome(Rendering rendering) {
        try {
            return new String(rendering.render(), StandardCharsets.UTF_8);
        } catch (Exception refused) {
            return "refused";
        }
    }
}

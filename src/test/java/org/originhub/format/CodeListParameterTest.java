package org.originhub.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        for (SampleDocuments sample : SampleDocuments.ALL) {
            for (NationalCertificate certificate : formats.read(sample.format(), sample.bytes())) {
                MappingResult canonical = formats.toCanonical(certificate);
                assertThat(canonical.errors()).as(sample.toString()).isEmpty();
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
        Map<String, XsltExecutable> fromCanonical = new HashMap<>();
        for (String target : formats.ids()) {
            fromCanonical.put(target, compile(alone, target, "canonical-to-" + target));
        }
        int compared = 0;
        for (SampleDocuments sample : SampleDocuments.ALL) {
            XsltExecutable toCanonical = compile(alone, sample.format(), sample.format() + "-to-canonical");
            for (NationalCertificate certificate : formats.read(sample.format(), sample.bytes())) {
                byte[] canonical = formats.toCanonical(certificate).canonical();
                assertThat(canonicalAlone(alone, toCanonical, certificate.source())).as(sample.toString()).isEqualTo(canonical);
                for (String target : formats.ids()) {
                    String national = nationalAlone(alone, fromCanonical.get(target), canonical);
                    assertThat(national).as("%s as %s", sample, target)
                            .isEqualTo(outcome(() -> formats.fromCanonical(target, canonical)));
                    if (target.equals(sample.format())) {
                        assertThat(national).as("%s in its own format", sample).isNotEqualTo("refused");
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(15);
    }

    private static XsltExecutable compile(Processor saxon, String format, String stylesheet) throws SaxonApiException {
        return saxon.newXsltCompiler().compile(Path.of("xslt", format, stylesheet + ".xsl").toFile());
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

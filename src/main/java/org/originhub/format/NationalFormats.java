package org.originhub.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmMap;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The national formats the hub speaks, loaded from their descriptors ({@code formats/*.yaml}) with
 * stylesheets and schemas compiled once. Entry points for the ingest stages: {@link #read} or, for batch files,
 * {@link #stream} (secure parse + national check), {@link #toCanonical}, and for the hand-over to a national system
 * {@link #fromCanonical}.
 */
public final class NationalFormats {

    private static final Logger LOG = LoggerFactory.getLogger(NationalFormats.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** The stylesheets' parameter that holds the code lists (xslt/common/originhub-functions.xsl). */
    private static final QName CODE_LISTS = new QName("urn:originhub:functions", "codelists");
    private static final String CODE_LIST_FOLDER = "/codelists/";

    private final XsltEngine engine;
    private final Map<String, NationalFormat> formats;

    private NationalFormats(XsltEngine engine, Map<String, NationalFormat> formats) {
        this.engine = engine;
        this.formats = formats;
    }

    /**
     * Loads every descriptor matching {@code <formatsLocation>/*.yaml}; stylesheet and schema paths in a
     * descriptor are relative to {@code xsltLocation} and {@code xsdLocation}. Locations are Spring resource
     * locations ({@code classpath:xslt/}, {@code file:/etc/originhub/xslt/}).
     */
    public static NationalFormats load(String formatsLocation, String xsltLocation, String xsdLocation) {
        return load(new XsltEngine(folder(xsltLocation), folder(xsdLocation)), formatsLocation, xsltLocation, xsdLocation);
    }

    /** The URL of a Spring resource location ({@code classpath:xslt/}, {@code file:/etc/originhub/xslt/}). */
    private static URL folder(String location) {
        try {
            return new PathMatchingResourcePatternResolver().getResource(slash(location)).getURL();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find " + location, e);
        }
    }

    public static NationalFormats load(XsltEngine engine, String formatsLocation, String xsltLocation, String xsdLocation) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, NationalFormat> formats = new LinkedHashMap<>();
        try {
            XdmMap codeLists = codeLists(engine, resolver, xsltLocation);
            Map<QName, XdmValue> parameters = Map.of(CODE_LISTS, codeLists);
            for (Resource resource : resolver.getResources(slash(formatsLocation) + "*.yaml")) {
                FormatDescriptor descriptor;
                try (InputStream in = resource.getInputStream()) {
                    descriptor = YAML.readValue(in, FormatDescriptor.class);
                } catch (IOException e) {
                    throw new IllegalStateException("format descriptor " + resource + " is invalid: " + e.getMessage(), e);
                }
                URL xslt = resolver.getResource(slash(xsltLocation)).getURL();
                URL xsd = resolver.getResource(slash(xsdLocation)).getURL();
                if (formats.put(descriptor.id(), new NationalFormat(descriptor, engine, xslt, xsd, parameters)) != null) {
                    throw new IllegalStateException("format " + descriptor.id() + " is configured twice");
                }
            }
            LOG.info("national formats {} with {} code lists from {}", formats.keySet(), codeLists.mapSize(), xsltLocation);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the format descriptors in " + formatsLocation, e);
        }
        return new NationalFormats(engine, Map.copyOf(formats));
    }

    /**
     * Every code list under {@code <xsltLocation>/codelists/}, keyed as the stylesheets' oh:codelist() names it
     * ({@code kr-csv/countries}): handed to each transformation, so that none resolves the lists' URIs again.
     */
    private static XdmMap codeLists(XsltEngine engine, PathMatchingResourcePatternResolver resolver, String xsltLocation)
            throws IOException {
        Map<XdmAtomicValue, XdmValue> lists = new HashMap<>();
        for (Resource list : resolver.getResources(slash(xsltLocation) + "codelists/**/*.xml")) {
            String uri = list.getURL().toExternalForm();
            String name = uri.substring(uri.lastIndexOf(CODE_LIST_FOLDER) + CODE_LIST_FOLDER.length(), uri.length() - ".xml".length());
            lists.put(new XdmAtomicValue(name), engine.codeList(list.getURL()));
        }
        return new XdmMap(lists);
    }

    /** For tests and tools run from the project folder: config/, xslt/ and xsd/ as they are in the work tree. */
    public static NationalFormats fromProjectDirectories() {
        // absolute URIs: a stylesheet's relative xsl:include must resolve against a real folder
        return load(java.nio.file.Path.of("config/formats").toUri().toString(), java.nio.file.Path.of("xslt").toUri().toString(),
                java.nio.file.Path.of("xsd").toUri().toString());
    }

    private static String slash(String location) {
        return location.endsWith("/") ? location : location + "/";
    }

    public Set<String> ids() {
        return formats.keySet();
    }

    public boolean has(String formatId) {
        return formats.containsKey(formatId);
    }

    public FormatDescriptor descriptor(String formatId) {
        return format(formatId).descriptor();
    }

    /** Secure parse and strict national check; one entry per certificate the document holds. */
    public List<NationalCertificate> read(String formatId, byte[] document) {
        return format(formatId).read(document);
    }

    /** Whether documents of the format are batch files, read one certificate at a time by {@link #stream}. */
    public boolean streams(String formatId) {
        return format(formatId).streams();
    }

    /**
     * The same check as {@link #read}, one certificate at a time, as the caller asks for them: memory holds one
     * certificate of the batch, not the batch. Closing the stream closes {@code document}.
     */
    public CertificateStream stream(String formatId, InputStream document) {
        return format(formatId).stream(document);
    }

    /** National → canonical {@code CertificateOfOrigin}, or the coded errors of every value that cannot be mapped. */
    public MappingResult toCanonical(NationalCertificate certificate) {
        if (!certificate.passedNationalCheck()) {
            return MappingResult.rejected(certificate.errors());
        }
        return format(certificate.formatId()).toCanonical(certificate.source());
    }

    /** Canonical {@code CertificateOfOrigin} → the national format, serialised as its stylesheet says. */
    public byte[] fromCanonical(String formatId, byte[] canonicalCertificate) {
        return fromCanonical(formatId, engine.parse(canonicalCertificate));
    }

    /** The same, for a certificate already parsed: the one a {@link ReceivedCertificate} holds. */
    public byte[] fromCanonical(String formatId, XdmNode canonicalCertificate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        format(formatId).fromCanonical(canonicalCertificate, out);
        return out.toByteArray();
    }

    /** The certificate of a canonical envelope the hub holds, in the national format. */
    public byte[] fromEnvelope(String formatId, byte[] envelope) {
        return fromCanonical(formatId, received(envelope).certificate());
    }

    /** A received envelope's ids and certificate, read with one parse (see {@link ReceivedCertificate}). */
    public ReceivedCertificate received(byte[] envelope) {
        return ReceivedCertificate.of(engine, envelope);
    }

    private NationalFormat format(String formatId) {
        NationalFormat format = formats.get(formatId);
        if (format == null) {
            throw new IllegalArgumentException("no national format '" + formatId + "' is configured");
        }
        return format;
    }
}

package org.originhub.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.format.HubError;
import org.originhub.format.MappingResult;
import org.originhub.format.NationalCertificate;
import org.originhub.xml.SecureXml;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Every stage a formd-xml certificate goes through, sending hub then receiving hub, each called exactly as the
 * hub calls it, next to the raw floors on the same bytes, for certificates of 1 to 999 goods items. One
 * operation is one certificate through one stage. Each stage is given what the stage before it produced
 * ({@link StageInputs}); the hub's beans are shared between threads as in the hub.
 *
 * <p>Defaults are the long warm-up of ../shared/research/performance.md §1 (on 2 cores Saxon keeps speeding
 * up for 20 s or more); bench/run-micro.sh passes the same on the command line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FormdXmlScalingBenchmark {

    private static final String FORMAT = "formd-xml";

    /** Goods items per certificate; 999 is the most either schema allows. */
    @Param({"1", "10", "100", "999"})
    public int items;

    private HubStages hub;
    private StageInputs inputs;
    private StageInputs.Certificate certificate;
    private byte[] signedEnvelope;

    @Setup(Level.Trial)
    public void setUp() {
        hub = HubStages.load();
        inputs = StageInputs.prepare(hub, FORMAT, GoodsItems.formD(Samples.read(Samples.FORMD_XML), items));
        certificate = inputs.first();
        signedEnvelope = hub.signer.sign(certificate.envelope());
        System.out.println(inputs.describe());
    }

    // ---- raw floors (JDK only) ----

    @Benchmark
    public int floorSaxParse(RawXml raw) throws SAXException, IOException {
        return raw.parse(inputs.document);
    }

    @Benchmark
    public void floorValidate(RawXml raw) throws SAXException, IOException {
        raw.validate(inputs.document);
    }

    // ---- sending hub: accept-national-document, transform, validate, rules, address ----

    /**
     * The hardened parse alone: a new {@link SecureXml} reader per document, as XmlDocumentReader takes one.
     * In the hub it feeds the national check in the same pass; this isolates its cost against the floor.
     */
    @Benchmark
    public int secureParse() throws SAXException, IOException {
        XMLReader reader = SecureXml.newReader();
        ElementCounter counter = new ElementCounter();
        reader.setContentHandler(counter);
        reader.parse(new InputSource(new ByteArrayInputStream(inputs.document)));
        return counter.count();
    }

    /** DocumentIntake.read: secure parse + national XSD + Saxon tree + certificate id, one pass. */
    @Benchmark
    public List<NationalCertificate> nationalCheck() {
        return hub.formats.read(FORMAT, inputs.document);
    }

    /** CertificatePipeline.transform: formd-xml-to-canonical.xsl on the tree, output serialised. */
    @Benchmark
    public MappingResult toCanonical() {
        return hub.formats.toCanonical(certificate.national());
    }

    /** CertificatePipeline.validate: canonical XSD and JAXB unmarshal in one parse. */
    @Benchmark
    public CertificateOfOriginType canonicalValidateUnmarshal() {
        return hub.canonical.readCertificate(certificate.canonical());
    }

    /** CertificatePipeline.checkRules. */
    @Benchmark
    public List<HubError> businessRules() {
        return hub.rules.check(certificate.certificate());
    }

    /** CertificatePipeline.address, less the utility-block lookup: the ECO envelope built and JAXB-marshalled. */
    @Benchmark
    public byte[] envelopeMarshal() {
        return hub.canonical.write(hub.envelopes.certificate(certificate.certificate(), certificate.senderId(),
                certificate.receiverId()));
    }

    /** DocumentSignatures.sign (CertificatePipeline.address, and every ACK): enveloped XMLDSig, RSA-SHA256, demo key. */
    @Benchmark
    public byte[] sign() {
        return hub.signer.sign(certificate.envelope());
    }

    // ---- receiving hub: receive-partner-exchange, hand-over-to-national ----

    /** DocumentSignatures.verified (ExchangeReceiver.open, and every ACK at the sender): trust, profile, signature. */
    @Benchmark
    public Object verify() {
        return hub.verifier.verify(signedEnvelope);
    }

    /** ExchangeReceiver.open: the received envelope, hardened parse + canonical XSD + JAXB unmarshal. */
    @Benchmark
    public CanonicalModel.ParsedEnvelope envelopeReceive() {
        return hub.canonical.parseEnvelope(certificate.envelope());
    }

    /**
     * NationalHandover.render: the received envelope read once, its certificate rendered by canonical-to-formd-xml.xsl.
     * Before 2026-11-28 this was the stylesheet and the parse of the certificate alone, the hand-over reading the
     * envelope with JAXB and the schema first.
     */
    @Benchmark
    public byte[] toNational() {
        return hub.formats.fromEnvelope(FORMAT, certificate.envelope());
    }
}

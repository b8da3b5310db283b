package org.originhub.bench;

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
import org.openjdk.jmh.infra.Blackhole;
import org.originhub.format.NationalCertificate;

/**
 * The format-specific stages for each national format, on its own sample from samples/: the national check
 * (secure parse or strict CSV/JSON reading, and the format's check), its national → canonical stylesheet and
 * its canonical → national stylesheet. One operation is one whole sample document: the kr-csv sample is a
 * batch of two certificates, so its mapping operations map both, one after the other as the hub does.
 * The canonical stages do not depend on the national format; FormdXmlScalingBenchmark measures them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class NationalFormatsBenchmark {

    @Param({"formd-xml", "kr-csv", "cl-json"})
    public String format;

    private HubStages hub;
    private StageInputs inputs;

    @Setup(Level.Trial)
    public void setUp() {
        hub = HubStages.load();
        inputs = StageInputs.prepare(hub, format, Samples.of(format));
        System.out.println(inputs.describe());
    }

    /** DocumentIntake.read: every certificate the document holds, checked. */
    @Benchmark
    public List<NationalCertificate> nationalCheck() {
        return hub.formats.read(format, inputs.document);
    }

    /** CertificatePipeline.transform, once per certificate of the document. */
    @Benchmark
    public void toCanonical(Blackhole sink) {
        for (StageInputs.Certificate certificate : inputs.certificates) {
            sink.consume(hub.formats.toCanonical(certificate.national()));
        }
    }

    /**
     * NationalHandover.render, once per certificate of the document: the received envelope read once, its certificate
     * rendered. Before 2026-11-28 this was the stylesheet and the parse of the certificate alone.
     */
    @Benchmark
    public void toNational(Blackhole sink) {
        for (StageInputs.Certificate certificate : inputs.certificates) {
            sink.consume(hub.formats.fromEnvelope(format, certificate.envelope()));
        }
    }

    /**
     * The same work as the hand-over did it before 2026-11-28, kept so that the two can be compared in one run: the
     * envelope read with JAXB and the canonical schema, its certificate written out again, then parsed by Saxon.
     */
    @Benchmark
    public void toNationalAsBefore(Blackhole sink) {
        for (StageInputs.Certificate certificate : inputs.certificates) {
            byte[] written = hub.canonical.write(hub.canonical.readEnvelope(certificate.envelope()).getPayload()
                    .getCertificateOfOrigin());
            sink.consume(hub.formats.fromCanonical(format, written));
        }
    }
}

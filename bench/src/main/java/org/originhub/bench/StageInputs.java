package org.originhub.bench;

import java.util.ArrayList;
import java.util.List;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.format.HubError;
import org.originhub.format.MappingResult;
import org.originhub.format.NationalCertificate;

/**
 * What each stage is given in the hub, produced once, before measuring, by running the document through the
 * stages before it. Preparing also proves the document is accepted all the way: a benchmark of a stage that
 * quietly rejected its input would time the error path, so any rejection stops the trial with the hub's errors.
 */
final class StageInputs {

    /**
     * One certificate at every stage boundary.
     *
     * @param national after secure parse and national check (the tree the stylesheet reads)
     * @param canonical the national → canonical stylesheet's output
     * @param certificate canonical schema-checked and bound by JAXB
     * @param senderId the envelope's sender, as the hub addresses it
     * @param receiverId the envelope's receiver, the partner's party id
     * @param envelope the ECO envelope as sent to the partner hub, and as its hand-over reads it
     */
    record Certificate(NationalCertificate national, byte[] canonical, CertificateOfOriginType certificate,
            String senderId, String receiverId, byte[] envelope) {
    }

    final String formatId;
    final byte[] document;
    final List<Certificate> certificates;

    private StageInputs(String formatId, byte[] document, List<Certificate> certificates) {
        this.formatId = formatId;
        this.document = document;
        this.certificates = List.copyOf(certificates);
    }

    Certificate first() {
        return certificates.get(0);
    }

    static StageInputs prepare(HubStages hub, String formatId, byte[] document) {
        List<Certificate> certificates = new ArrayList<>();
        for (NationalCertificate national : hub.formats.read(formatId, document)) {
            String at = formatId + " certificate " + national.index();
            refuseIf(at, "national check", national.errors());
            MappingResult mapped = hub.formats.toCanonical(national);
            refuseIf(at, "national → canonical", mapped.errors());
            // throws InvalidCanonicalDocumentException with the schema findings
            CertificateOfOriginType certificate = hub.canonical.readCertificate(mapped.canonical());
            refuseIf(at, "business rules", hub.rules.check(certificate));
            // as CertificatePipeline.address: from <export country>:<agency> to the partner's party id,
            // which is <CC>:OH for every partner in config/partners
            String sender = certificate.getExportCountryCode() + ":" + HubStages.AGENCY;
            String receiver = certificate.getImportCountryCode() + ":" + HubStages.AGENCY;
            byte[] envelope = hub.canonical.write(hub.envelopes.certificate(certificate, sender, receiver));
            CanonicalModel.ParsedEnvelope received = hub.canonical.parseEnvelope(envelope);
            refuseIf(at, "envelope receipt", received.errors());
            // as NationalHandover.render: the certificate is read out of the received envelope, then rendered
            hub.formats.fromEnvelope(formatId, envelope);
            certificates.add(new Certificate(national, mapped.canonical(), certificate, sender, receiver, envelope));
        }
        return new StageInputs(formatId, document, certificates);
    }

    private static void refuseIf(String at, String stage, List<HubError> errors) {
        if (!errors.isEmpty()) {
            throw new IllegalStateException(at + " is rejected by the " + stage + ", not benchmarking an error path: "
                    + errors);
        }
    }

    /** One line for the benchmark log, so the sizes behind the timings are on record. */
    String describe() {
        Certificate first = first();
        return String.format("%s: document %,d bytes, %d certificate(s), first has %d goods item(s), "
                + "canonical %,d bytes, envelope %,d bytes", formatId, document.length, certificates.size(),
                first.certificate().getGoodsItem().size(), first.canonical().length, first.envelope().length);
    }
}

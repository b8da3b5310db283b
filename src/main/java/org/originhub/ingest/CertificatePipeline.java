package org.originhub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.canonical.InvalidCanonicalDocumentException;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.canonical.v1.EnvelopeType;
import org.originhub.block.BlockEnforcer;
import org.originhub.config.HubProperties;
import org.originhub.config.PartnerDefinition;
import org.originhub.format.HubError;
import org.originhub.format.MappingResult;
import org.originhub.format.NationalFormats;
import org.originhub.rules.BusinessRules;
import org.originhub.signature.DocumentSignatures;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;
import org.originhub.store.Direction;
import org.originhub.store.LifecycleStatus;
import org.originhub.store.Sha256;
import org.originhub.store.TransportStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The certificate-level stages of ingest, one method per route: transform → canonical schema → business
 * rules → partner → register. A permanent failure is a {@link CertificateRejectedException}; the route
 * configuration turns it into a recorded, answered rejection through {@link #rejected}. The stages' audit rows ride
 * on the work item and are written in the register transaction, or with the rejection: one commit per certificate.
 */
public class CertificatePipeline {

    public static final String MDC_CERTIFICATE = AuditTrail.MDC_CERTIFICATE;
    private static final Logger LOG = LoggerFactory.getLogger(CertificatePipeline.class);
    public static final String PARTNER = "OriginHubPartnerId";
    /** The certificate's WorkItem, kept on the exchange so a rejection can be answered whichever stage failed. */
    public static final String WORK_ITEM = "OriginHubWorkItem";

    private final NationalFormats formats;
    private final CanonicalModel canonical;
    private final BusinessRules rules;
    private final BlockEnforcer blocks;
    private final HubProperties.Hub hub;
    private final EnvelopeFactory envelopes;
    private final DocumentSignatures signatures;
    private final CertificateStore store;
    private final AuditTrail audit;

    public CertificatePipeline(NationalFormats formats, CanonicalModel canonical, BusinessRules rules,
            BlockEnforcer blocks, HubProperties.Hub hub, EnvelopeFactory envelopes, DocumentSignatures signatures,
            CertificateStore store, AuditTrail audit) {
        this.formats = formats;
        this.canonical = canonical;
        this.rules = rules;
        this.blocks = blocks;
        this.hub = hub;
        this.envelopes = envelopes;
        this.signatures = signatures;
        this.store = store;
        this.audit = audit;
    }

    public WorkItem transform(WorkItem item) {
        if (item.certificateId() != null) {
            MDC.put(MDC_CERTIFICATE, item.certificateId());
        }
        MappingResult result = formats.toCanonical(item.national());
        if (!result.ok()) {
            throw new CertificateRejectedException(result.errors());
        }
        item.mapped(result.canonical(), result.tree());
        stage(AuditEvent.TRANSFORMED, item, Sha256.of(result.canonical()), item.national().formatId() + " → canonical");
        return item;
    }

    /** One pass: JAXB unmarshals against the canonical schema, so the schema check and the binding share a parse. */
    public WorkItem validate(WorkItem item) {
        try {
            item.validated(canonical.readCertificate(item.canonical()));
        } catch (InvalidCanonicalDocumentException e) {
            throw new CertificateRejectedException(e.errors());
        }
        MDC.put(MDC_CERTIFICATE, item.certificateId());
        return item;
    }

    public WorkItem checkRules(WorkItem item) {
        List<HubError> findings = rules.check(item.certificate());
        if (!findings.isEmpty()) {
            throw new CertificateRejectedException(findings);
        }
        stage(AuditEvent.VALIDATED, item, null, "canonical schema and business rules passed");
        return item;
    }

    /**
     * Finds the utility block the certificate travels under, and so its partner, and enforces the block's
     * source, message set, operational rules and data cluster (E020, E040, E041, E050, E001); then wraps the
     * certificate in its envelope, signed when it goes to a partner hub in canonical form. Signed here, once, so the
     * stored envelope is exactly what every attempt, batch and replay sends: the evidence of what was sent.
     */
    public WorkItem address(WorkItem item, Exchange exchange) {
        CertificateOfOriginType certificate = item.certificate();
        List<HubError> errors = new ArrayList<>();
        if (!hub.serves(certificate.getExportCountryCode())) {
            errors.add(new HubError("E020", "/CertificateOfOrigin/ExportCountryCode",
                    "this hub does not issue for " + certificate.getExportCountryCode()));
        }
        BlockEnforcer.Assignment assignment = blocks.outbound(certificate, item.canonicalTree(), item.sourceId(), errors);
        if (!errors.isEmpty()) {
            throw new CertificateRejectedException(errors);
        }
        PartnerDefinition partner = assignment.partner();
        EnvelopeType envelope = envelopes.certificate(certificate, certificate.getExportCountryCode() + ":" + hub.agency(),
                partner.partyId());
        byte[] bytes = canonical.write(envelope);
        if (partner.wantsCanonical()) {
            bytes = signatures.sign(bytes);
        }
        item.addressed(assignment.blockId(), partner, envelope.getMessageID(), bytes, Sha256.of(bytes));
        exchange.setProperty(PARTNER, partner.id());
        return item;
    }

    /**
     * Stores the certificate under its business identity (issuer, certificate id, message function; a unique
     * constraint, so two hub instances cannot both take it). The same identity again is a duplicate when the
     * certificate itself is the same (same hash: answered with the first outcome, nothing new is sent) and a
     * conflict otherwise (E030), unless the first one ended FAILED, in which case this is its resend.
     */
    public byte[] register(WorkItem item) {
        CertificateOfOriginType certificate = item.certificate();
        Instant now = Instant.now();
        String certificateSha256 = Sha256.of(item.canonical());
        CertificateRecord record = new CertificateRecord(Direction.OUTBOUND, certificate.getCertificateID(),
                certificate.getIssuingAuthority().getID(), EnvelopeFactory.ORIGINAL, item.messageId(), item.sourceId(),
                item.partner().id(), certificate.getAgreementCode(), LifecycleStatus.ISSUED, TransportStatus.QUEUED.name(),
                item.envelopeSha256(), new String(item.envelope(), java.nio.charset.StandardCharsets.UTF_8), now, now,
                item.blockId(), certificateSha256);
        if (!store.insert(record) && !store.resend(record)) {
            CertificateRecord first = store.find(Direction.OUTBOUND, record.issuerId(), record.certificateId(),
                    record.functionCode()).orElseThrow();
            if (certificateSha256.equals(first.certificateSha256())) {
                throw new DuplicateCertificateException(first);
            }
            throw new CertificateRejectedException(new HubError("E030", "/CertificateOfOrigin/CertificateID",
                    "certificate " + record.certificateId() + " of " + record.issuerId() + " was already submitted with"
                            + " other content (message " + first.messageId() + ", status " + first.status() + ")"));
        }
        return item.envelope();
    }

    /**
     * After the envelope is sent to the partner's durable delivery queue, still inside the register transaction: the
     * rows of the ingest stages and QUEUED, in one batch, commit with the certificate's row, and the message right
     * after them. Rolled back, they stay staged for the failure's handling ({@link #abandoned}).
     */
    public CertificateOutcome queued(WorkItem item) {
        // not staged on the item: rolled back, the certificate was not queued, and the failure's rows must not say so
        writeStaged(item, audit.stage(AuditEvent.QUEUED, subject(item, item.envelopeSha256()), "for partner "
                + item.partner().id() + " under block " + item.blockId()));
        MDC.remove(MDC_CERTIFICATE);
        return new CertificateOutcome(item.certificateId(), item.messageId(), CertificateOutcome.ACCEPTED,
                item.national().line(), item.partner().id(), List.of());
    }

    /**
     * The answer for a permanently failed certificate: recorded, never retried. A duplicate is recorded as such and
     * answered with the first submission's outcome.
     */
    public CertificateOutcome rejected(Exchange exchange) {
        WorkItem item = exchange.getProperty(WORK_ITEM, WorkItem.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof DuplicateCertificateException duplicate) {
            CertificateRecord first = duplicate.original();
            stage(AuditEvent.DUPLICATE, item, Sha256.of(item.canonical()), "same certificate again: first submitted as"
                    + " message " + first.messageId() + ", now " + first.status() + "; nothing new is sent");
            writeStaged(item);
            MDC.remove(MDC_CERTIFICATE);
            return new CertificateOutcome(item.certificateId(), first.messageId(), CertificateOutcome.DUPLICATE,
                    item.national().line(), first.partnerId(), List.of(), first.status().name());
        }
        List<HubError> errors = failure instanceof CertificateRejectedException rejected ? rejected.errors()
                : List.of(HubError.schema("document", String.valueOf(failure)));
        stage(AuditEvent.REJECTED, item, null, errors.toString());
        writeStaged(item);
        MDC.remove(MDC_CERTIFICATE);
        return new CertificateOutcome(item.certificateId(), null, CertificateOutcome.REJECTED, item.national().line(),
                null, errors);
    }

    /**
     * Writes what the certificate's processing could not finish (store or broker down): the rows of the stages it
     * passed, so the audit trail shows how far an unacknowledged certificate got. Never throws: the failure that
     * brought us here is what the source is told.
     */
    public void abandoned(WorkItem item) {
        if (item == null) {
            return;
        }
        try {
            writeStaged(item);
        } catch (RuntimeException e) {
            LOG.warn("audit rows of certificate {} not written: {}", item.certificateId(), e.toString());
        }
    }

    /**
     * Writes the item's staged rows, then {@code after} in the same batch. Inside a transaction the staged rows count
     * as written only once it commits: rolled back, they stay staged for the rejection or failure that follows, and
     * {@code after} is forgotten.
     */
    private void writeStaged(WorkItem item, AuditTrail.Staged... after) {
        List<AuditTrail.Staged> rows = item.unwritten();
        List<AuditTrail.Staged> batch = new ArrayList<>(rows);
        batch.addAll(List.of(after));
        audit.write(batch);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    item.written(rows);
                }
            });
        } else {
            item.written(rows);
        }
    }

    private void stage(AuditEvent event, WorkItem item, String sha256, String detail) {
        item.staged(audit.stage(event, subject(item, sha256), detail));
    }

    private static AuditTrail.Subject subject(WorkItem item, String sha256) {
        return new AuditTrail.Subject(Direction.OUTBOUND, item.certificateId(), item.messageId(), item.sourceId(),
                item.partner() == null ? null : item.partner().id(), sha256);
    }
}

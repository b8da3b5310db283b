package org.originhub.block;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.xml.datatype.XMLGregorianCalendar;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathExecutable;
import net.sf.saxon.s9api.XPathSelector;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.canonical.v1.GoodsItemType;
import org.originhub.canonical.v1.SpecialCircumstanceCode;
import org.originhub.config.PartnerDefinition;
import org.originhub.format.HubError;
import org.originhub.format.XsltEngine;
import org.w3c.dom.Document;

/**
 * Enforces the utility blocks: which block (and so which partner) a certificate travels under, whether the
 * block allows its source and message type, and the block's operational rules and data cluster, each with
 * a coded error. The hub has no agreement-specific Java: what differs between agreements is in the blocks.
 */
public class BlockEnforcer {

    private static final String CERTIFICATE = "/CertificateOfOrigin";

    private final BlockRegistry registry;
    private final XsltEngine engine;
    private final XPathExecutable pointer;

    public BlockEnforcer(BlockRegistry registry, XsltEngine engine) {
        this.registry = registry;
        this.engine = engine;
        try {
            this.pointer = engine.processor().newXPathCompiler().compile("'/' || string-join(for $n in ancestor-or-self::*"
                    + " return local-name($n) || (if ($n/..[not(self::document-node())]) then '[' || (count($n/preceding-sibling::*"
                    + "[node-name() eq node-name($n)]) + 1) || ']' else ''), '/')");
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The block a certificate travels under and the partner that receives it. */
    public record Assignment(String blockId, PartnerDefinition partner) {
    }

    /**
     * An outgoing certificate from a national source: its block and partner, or every reason it has none.
     * {@code canonical} is the canonical document as the national format's stylesheet built it.
     */
    public Assignment outbound(CertificateOfOriginType certificate, XdmNode canonical, String sourceId, List<HubError> errors) {
        String agreement = certificate.getAgreementCode();
        String from = certificate.getExportCountryCode();
        String to = certificate.getImportCountryCode();
        List<ActiveBlock> joining = registry.active().stream()
                .filter(b -> b.definition().agreement().equals(agreement) && b.joins(from, to)).toList();
        if (joining.isEmpty()) {
            errors.add(new HubError("E020", CERTIFICATE + "/AgreementCode", "no utility block covers " + agreement
                    + " certificates from " + from + " to " + to));
            return null;
        }
        Optional<ActiveBlock> block = joining.stream().filter(b -> b.allowsSource(sourceId)).findFirst();
        if (block.isEmpty()) {
            errors.add(new HubError("E020", CERTIFICATE, "source " + sourceId + " may not submit under "
                    + joining.stream().map(ActiveBlock::id).toList()));
            return null;
        }
        ActiveBlock chosen = block.get();
        if (!chosen.allowsMessage("ECO")) {
            errors.add(new HubError("E020", "/Envelope/MessageTypeCode", "message type ECO is not exchanged under block "
                    + chosen.id()));
        }
        Optional<PartnerDefinition> partner = chosen.partners().stream().filter(p -> p.country().equals(to)).findFirst();
        if (partner.isEmpty()) {
            errors.add(new HubError("E020", CERTIFICATE + "/ImportCountryCode", "block " + chosen.id()
                    + " names no partner hub in " + to));
        }
        errors.addAll(check(chosen, certificate, () -> canonical));
        return partner.map(p -> new Assignment(chosen.id(), p)).orElse(null);
    }

    /**
     * An incoming message from a partner hub: the block it arrives under, or the reasons it is refused.
     * {@code canonical} is the received envelope as it is (the data cluster is checked on its payload);
     * {@code verifiedTree}, when not null, is the DOM its signature was verified on, parsed from the same bytes, and the
     * data cluster is read from it rather than from a second parse.
     */
    public Optional<String> inbound(String messageType, String agreement, String senderId, CertificateOfOriginType certificate,
            byte[] canonical, Document verifiedTree, List<HubError> errors) {
        String from = senderId.substring(0, 2);
        String to = certificate.getImportCountryCode();
        Optional<ActiveBlock> block = registry.active().stream()
                .filter(b -> b.definition().agreement().equals(agreement) && b.joins(from, to)
                        && b.partners().stream().anyMatch(p -> p.partyId().equals(senderId)))
                .findFirst();
        if (block.isEmpty()) {
            errors.add(new HubError("E020", "/Envelope/SenderID", "no utility block covers " + agreement + " from "
                    + senderId + " to " + to));
            return Optional.empty();
        }
        if (!block.get().allowsMessage(messageType)) {
            errors.add(new HubError("E020", "/Envelope/MessageTypeCode", "message type " + messageType
                    + " is not exchanged under block " + block.get().id()));
            return block.map(ActiveBlock::id);
        }
        errors.addAll(check(block.get(), certificate,
                () -> verifiedTree != null ? engine.wrap(verifiedTree) : engine.parse(canonical)));
        return block.map(ActiveBlock::id);
    }

    /** {@code canonical} gives the canonical document; it is asked for only by a block with data-cluster paths. */
    private List<HubError> check(ActiveBlock block, CertificateOfOriginType certificate, Supplier<XdmNode> canonical) {
        List<HubError> errors = new ArrayList<>();
        rules(block, certificate, errors);
        dataCluster(block, certificate, canonical, errors);
        return errors;
    }

    private void rules(ActiveBlock block, CertificateOfOriginType certificate, List<HubError> errors) {
        UtilityBlock.Rules rules = block.definition().process().rules();
        String under = " under block " + block.id();
        if (rules.forms() != null && !rules.forms().contains(certificate.getFormCode())) {
            errors.add(new HubError("E040", CERTIFICATE + "/FormCode", "form " + certificate.getFormCode()
                    + " is not used" + under + " " + rules.forms()));
        }
        List<GoodsItemType> items = certificate.getGoodsItem();
        for (int i = 0; i < items.size(); i++) {
            GoodsItemType item = items.get(i);
            String at = CERTIFICATE + "/GoodsItem[" + (i + 1) + "]";
            String criterion = item.getOriginCriterion().getCode().value();
            if (rules.originCriteria() != null && !rules.originCriteria().contains(criterion)) {
                errors.add(new HubError("E040", at + "/OriginCriterion/Code", "criterion " + criterion
                        + " is not accepted" + under + " " + rules.originCriteria()));
            }
            if (rules.hsVersions() != null && item.getHSVersion() != null && !rules.hsVersions().contains(item.getHSVersion())) {
                errors.add(new HubError("E041", at + "/HSVersion", item.getHSVersion() + " is not covered" + under
                        + " " + rules.hsVersions()));
            }
        }
        LocalDate issued = date(certificate.getIssueDate());
        if (rules.validityDays() != null && certificate.getValidityEndDate() != null
                && date(certificate.getValidityEndDate()).isAfter(issued.plusDays(rules.validityDays()))) {
            errors.add(new HubError("E050", CERTIFICATE + "/ValidityEndDate", "valid beyond the " + rules.validityDays()
                    + " days allowed" + under));
        }
        retroactive(rules, certificate, issued, under, errors);
    }

    /** Late issue needs RETRO; RETRO needs the block to allow it, within its limit. */
    private static void retroactive(UtilityBlock.Rules rules, CertificateOfOriginType certificate, LocalDate issued,
            String under, List<HubError> errors) {
        boolean retro = certificate.getSpecialCircumstanceCode().contains(SpecialCircumstanceCode.RETRO);
        UtilityBlock.Retroactive allowed = rules.retroactiveIssuance();
        if (retro && (allowed == null || !allowed.allowed())) {
            errors.add(new HubError("E050", CERTIFICATE + "/SpecialCircumstanceCode", "retroactive issuance is not allowed"
                    + under));
        }
        if (certificate.getDepartureDate() == null || rules.lateIssueDays() == null) {
            return;
        }
        long days = ChronoUnit.DAYS.between(date(certificate.getDepartureDate()), issued);
        if (days > rules.lateIssueDays() && !retro) {
            errors.add(new HubError("E050", CERTIFICATE + "/IssueDate", "issued " + days + " days after shipment, more than "
                    + rules.lateIssueDays() + ", without RETRO" + under));
        }
        if (retro && allowed != null && allowed.allowed() && allowed.maxDaysAfterShipment() != null
                && days > allowed.maxDaysAfterShipment()) {
            errors.add(new HubError("E050", CERTIFICATE + "/IssueDate", "issued " + days + " days after shipment; retroactive"
                    + " issuance is allowed up to " + allowed.maxDaysAfterShipment() + under));
        }
    }

    private void dataCluster(ActiveBlock block, CertificateOfOriginType certificate, Supplier<XdmNode> canonical,
            List<HubError> errors) {
        UtilityBlock.DataCluster cluster = block.definition().process().dataCluster();
        if (cluster == null) {
            return;
        }
        String under = " under block " + block.id();
        if (cluster.maxGoodsItems() != null && certificate.getGoodsItem().size() > cluster.maxGoodsItems()) {
            errors.add(HubError.schema(CERTIFICATE + "/GoodsItem", certificate.getGoodsItem().size()
                    + " goods items; at most " + cluster.maxGoodsItems() + under));
        }
        if (block.required().isEmpty() && block.forbidden().isEmpty()) {
            return;
        }
        XdmNode root = certificateIn(canonical.get());
        for (ActiveBlock.CompiledRule rule : block.required()) {
            for (XdmItem node : select(rule.each(), root)) {
                if (!select(rule.element(), (XdmNode) node).iterator().hasNext()) {
                    errors.add(HubError.schema(path((XdmNode) node) + "/" + rule.rule().element(), "required" + under
                            + (rule.rule().reason() == null ? "" : ": " + rule.rule().reason())));
                }
            }
        }
        for (ActiveBlock.CompiledRule rule : block.forbidden()) {
            for (XdmItem node : select(rule.each(), root)) {
                if (select(rule.element(), (XdmNode) node).iterator().hasNext()) {
                    errors.add(HubError.schema(path((XdmNode) node) + "/" + rule.rule().element(), "not allowed" + under
                            + (rule.rule().reason() == null ? "" : ": " + rule.rule().reason())));
                }
            }
        }
    }

    /** The CertificateOfOrigin of a canonical document: the document itself, or the payload of an envelope. */
    private static XdmNode certificateIn(XdmNode document) {
        return document.select(net.sf.saxon.s9api.streams.Steps.descendant(CanonicalModel.NAMESPACE, "CertificateOfOrigin"))
                .findFirst().orElse(document);
    }

    private static Iterable<XdmItem> select(XPathExecutable path, XdmNode context) {
        try {
            XPathSelector selector = path.load();
            selector.setContextItem(context);
            return selector.evaluate();
        } catch (SaxonApiException e) {
            throw new IllegalStateException("data-cluster path failed: " + e.getMessage(), e);
        }
    }

    private String path(XdmNode node) {
        try {
            XPathSelector selector = pointer.load();
            selector.setContextItem(node);
            return selector.evaluateSingle().getStringValue();
        } catch (SaxonApiException e) {
            return CERTIFICATE;
        }
    }

    private static LocalDate date(XMLGregorianCalendar value) {
        return LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
    }

}

package org.originhub.block;

import java.util.List;
import net.sf.saxon.s9api.XPathExecutable;
import org.originhub.config.PartnerDefinition;

/** A utility block as enforced: its definition, its partners resolved, its data-cluster paths compiled. */
record ActiveBlock(UtilityBlock definition, String file, List<PartnerDefinition> partners,
        List<CompiledRule> required, List<CompiledRule> forbidden) {

    /** One data-cluster rule with its XPaths compiled once. */
    record CompiledRule(UtilityBlock.ElementRule rule, XPathExecutable each, XPathExecutable element) {
    }

    String id() {
        return definition.id();
    }

    boolean joins(String exportCountry, String importCountry) {
        List<String> countries = definition.process().entities().countries();
        return countries.contains(exportCountry) && countries.contains(importCountry);
    }

    boolean allowsMessage(String messageType) {
        return definition.process().messages().contains(messageType);
    }

    boolean allowsSource(String sourceId) {
        List<String> sources = definition.process().entities().sources();
        return sources == null || sources.isEmpty() || sources.contains(sourceId);
    }
}

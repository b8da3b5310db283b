package org.originhub.format;

import java.util.List;
import net.sf.saxon.s9api.XdmNode;

/**
 * The outcome of a national → canonical transform: the canonical certificate, or the coded errors that prevent it.
 * {@code tree} is the certificate as the stylesheet built it, the document {@code canonical} was serialised from: the
 * utility block's data-cluster paths are evaluated on it, so the document is not parsed again for them.
 */
public record MappingResult(byte[] canonical, XdmNode tree, List<HubError> errors) {

    public static MappingResult mapped(byte[] canonical, XdmNode tree) {
        return new MappingResult(canonical, tree, List.of());
    }

    public static MappingResult rejected(List<HubError> errors) {
        return new MappingResult(null, null, List.copyOf(errors));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}

package org.originhub.format;

import java.util.List;

/** The outcome of a national → canonical transform: the canonical certificate, or the coded errors that prevent it. */
public record MappingResult(byte[] canonical, List<HubError> errors) {

    public static MappingResult mapped(byte[] canonical) {
        return new MappingResult(canonical, List.of());
    }

    public static MappingResult rejected(List<HubError> errors) {
        return new MappingResult(null, List.copyOf(errors));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}

package org.originhub.config;

import java.util.List;

/**
 * A partner administration ({@code config/partners/<id>.yaml}): who it is ({@code partyId}, {@code country}),
 * which agreements it exchanges under, how it is reached and in which format, and which named retry policy
 * applies. {@code id} is a short slug used in route ids and queue names.
 */
public record PartnerDefinition(String id, String partyId, String name, String country, List<String> agreements,
        Channel channel, String endpoint, String format, String retryPolicy) {

    public enum Channel { http }

    public static final String CANONICAL = "canonical";

    public boolean exchanges(String agreement) {
        return agreements != null && agreements.contains(agreement);
    }

    public boolean wantsCanonical() {
        return format == null || CANONICAL.equals(format);
    }
}

package org.originhub.config;

/**
 * A partner administration ({@code config/partners/<id>.yaml}): who it is ({@code partyId}, {@code country}),
 * how it is reached and in which format, and which named retry policy applies. {@code id} is a short slug used
 * in route ids and queue names. Which agreements it exchanges under is said by the utility blocks that name it.
 */
public record PartnerDefinition(String id, String partyId, String name, String country,
        Channel channel, String endpoint, String format, String retryPolicy) {

    public enum Channel { http }

    public static final String CANONICAL = "canonical";

    public boolean wantsCanonical() {
        return format == null || CANONICAL.equals(format);
    }
}

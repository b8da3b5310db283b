package org.originhub.config;

/**
 * A partner administration ({@code config/partners/<id>.yaml}): who it is ({@code partyId}, {@code country}),
 * how it is reached ({@code channel}: {@code http} to its {@code endpoint}, or {@code sftp} to its inbox) and in
 * which format, and which named retry policy applies. {@code id} is a short slug used
 * in route ids and queue names. Which agreements it exchanges under is said by the utility blocks that name it.
 */
public record PartnerDefinition(String id, String partyId, String name, String country,
        Channel channel, String endpoint, SftpSettings sftp, String format, String retryPolicy) {

    public enum Channel { http, sftp }

    public PartnerDefinition(String id, String partyId, String name, String country, Channel channel, String endpoint,
            String format, String retryPolicy) {
        this(id, partyId, name, country, channel, endpoint, null, format, retryPolicy);
    }

    /** Where deliveries go, for people and logs: never with credentials. */
    public String address() {
        return switch (channel) {
            case http -> endpoint;
            case sftp -> "sftp://" + sftp.host() + ":" + (sftp.port() == null ? 22 : sftp.port()) + "/" + sftp.directory();
        };
    }

    public static final String CANONICAL = "canonical";

    public boolean wantsCanonical() {
        return format == null || CANONICAL.equals(format);
    }
}

package org.originhub.config;

/**
 * A partner administration ({@code config/partners/<id>.yaml}): who it is ({@code partyId}, {@code country}),
 * how it is reached ({@code channel}: {@code http} to its {@code endpoint}, {@code sftp} to its inbox,
 * {@code jms} to a queue on its broker, or {@code file} to a {@code directory}) and in which format, and which named retry policy applies. {@code id} is a short slug used
 * in route ids and queue names. Which agreements it exchanges under is said by the utility blocks that name it.
 * {@code tlsCertificate} (a resource location of PEM certificates) is the partner hub's TLS certificate, or the
 * CA that issues it: with mutual TLS on, the only one its server is trusted under when the hub delivers to it, and
 * the client certificate that identifies it when it delivers to the hub.
 * {@code concurrentDeliveries} (http only) is how many certificates are on their way to the partner at once, each
 * waiting for its ACK: a partner that takes a larger share of the traffic gets more than the hub's default
 * ({@code originhub.delivery.concurrent-consumers}).
 */
public record PartnerDefinition(String id, String partyId, String name, String country,
        Channel channel, String endpoint, SftpSettings sftp, JmsSettings jms, String directory, String format,
        String retryPolicy, Batch batch, Inbound inbound, Signing signing, String tlsCertificate,
        Integer concurrentDeliveries) {

    /**
     * Whom the hub trusts to sign as this partner: {@code certificate} is a PEM file (a Spring resource location) of
     * one or more certificates, each either the partner's own signing certificate (pinned) or a CA that issues them.
     * Envelopes and ACKs from the partner are refused (E011) when signatures are on and none is configured.
     */
    public record Signing(String certificate) {
    }

    /**
     * Where the partner leaves envelopes (or batches) for us, when it does not post them to our exchange endpoint:
     * an SFTP directory the hub fetches, polled or at {@code pullSchedule} times. ACKs are written next to each
     * file read, in its {@code .done/} folder, as {@code <name>.ack.xml}.
     */
    public record Inbound(SftpSettings sftp, String pullSchedule) {
    }

    /**
     * A partner that takes certificates in scheduled batches: at each {@code cron} time (Quartz syntax) the
     * certificates waiting for it are sent together as one file, a canonical {@code Batch} or, with
     * {@code format: kr-csv}, one kr-csv file.
     */
    public record Batch(String cron, String format) {
    }

    public enum Channel { http, sftp, jms, file }

    public PartnerDefinition(String id, String partyId, String name, String country, Channel channel, String endpoint,
            String format, String retryPolicy) {
        this(id, partyId, name, country, channel, endpoint, null, null, null, format, retryPolicy, null, null, null, null,
                null);
    }

    public boolean batched() {
        return batch != null;
    }

    /** Where deliveries go, for people and logs: never with credentials. */
    public String address() {
        return switch (channel) {
            case http -> endpoint;
            case sftp -> "sftp://" + sftp.host() + ":" + (sftp.port() == null ? 22 : sftp.port()) + "/" + sftp.directory();
            case jms -> "queue " + jms.queue() + (jms.remote() ? " at " + jms.brokerUrl() : "");
            case file -> "folder " + directory;
        };
    }

    public static final String CANONICAL = "canonical";

    public boolean wantsCanonical() {
        return format == null || CANONICAL.equals(format);
    }
}

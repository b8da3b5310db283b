package org.originhub.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code originhub.*} settings; defaults live in application.properties so they are visible in one place. */
@ConfigurationProperties("originhub")
public record HubProperties(Hub hub, String dataDir, String xsltLocation, String xsdLocation,
        String formatsLocation, String partnersLocation, String sourcesLocation, String blocksLocation,
        String retryPolicies, Ingest ingest, Http http, NationalTarget nationalTarget, Signing signing) {

    /** Who this hub is: SenderID of its envelopes is {@code <export country>:<agency>}. */
    public record Hub(String name, String agency, List<String> countries) {

        public boolean serves(String country) {
            return countries == null || countries.isEmpty() || countries.contains(country);
        }
    }

    /**
     * Size limits of received documents. {@code maxBytes}: the largest document or envelope read into memory (every
     * channel, every format). {@code maxBatchBytes}: the largest batch file (a format read as a stream, kr-csv) taken
     * from a file channel (file drop, SFTP), which is read from disk one certificate at a time and never whole.
     */
    public record Ingest(long maxBytes, long maxBatchBytes) {
    }

    /**
     * The HTTP routes (national submissions, partner exchanges, the operator API): {@code concurrentRequests} run at
     * once, each on the thread that took it, and the others wait ({@link org.originhub.http.RequestLanes}).
     */
    public record Http(int concurrentRequests) {
    }

    /**
     * Document signatures ({@code docs/security.md}): the hub signs the canonical envelopes and ACKs it sends with the
     * key under {@code alias} in the PKCS#12 {@code keystore} (a Spring resource location), and verifies what partners
     * send against each partner's {@code signing.certificate}. Off, it neither signs nor verifies. {@code engine}
     * names the provider that computes signature values ({@link org.originhub.signature.SignatureEngine#named}).
     */
    public record Signing(boolean enabled, String keystore, String keystorePassword, String alias, String engine) {
    }

    /**
     * Where and in which national format received certificates are handed to the national system;
     * {@code formatByCountry} overrides the format per importing country (a hub serving several administrations).
     */
    public record NationalTarget(String format, String uri, java.util.Map<String, String> formatByCountry) {

        public String formatFor(String importCountry) {
            return formatByCountry == null ? format : formatByCountry.getOrDefault(importCountry, format);
        }
    }
}

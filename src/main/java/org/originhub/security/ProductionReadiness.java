package org.originhub.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.originhub.config.HubDirectory;
import org.originhub.config.PartnerDefinition;
import org.originhub.config.SftpSettings;
import org.originhub.config.SourceDefinition;
import org.originhub.store.Sha256;
import org.springframework.core.env.Environment;

/**
 * What the production profile refuses to start with: everything that is only fit for the demo. A hub started with
 * {@code --spring.profiles.active=production} and any of these stops at once, listing all of them, instead of
 * running with a door open: demo or plain-text operator passwords, a source's demo API key, the embedded demo SFTP
 * server, an SFTP server whose host key is not pinned, demo signing keys.
 */
public final class ProductionReadiness {

    /** The production profile's check, as a bean: the hub does not start past it with a problem left. */
    public ProductionReadiness(Environment environment, HubDirectory directory) {
        check(environment, directory);
    }

    public static List<String> problems(Environment environment, HubDirectory directory) {
        List<String> problems = new ArrayList<>();
        for (String role : List.of("operator", "viewer")) {
            String password = environment.getProperty("originhub.security." + role + ".password", "");
            if (password.isBlank() || password.startsWith("{noop}") || password.toLowerCase(Locale.ROOT).contains("demo")) {
                problems.add("the " + role + " password is a demo or plain-text one: set ORIGINHUB_"
                        + role.toUpperCase(Locale.ROOT) + "_PASSWORD to a {bcrypt} hash");
            }
        }
        for (SourceDefinition source : directory.sources()) {
            String demo = Sha256.of(("demo-key-" + source.id()).getBytes(StandardCharsets.UTF_8));
            if (demo.equalsIgnoreCase(String.valueOf(source.apiKeySha256()))) {
                problems.add("source " + source.id() + " still has its demo API key");
            }
            if (source.sftp() != null && !pinned(source.sftp())) {
                problems.add("source " + source.id() + ": the SFTP server's host key is not pinned (knownHostsFile, "
                        + "strictHostKeyChecking yes)");
            }
        }
        for (PartnerDefinition partner : directory.partners()) {
            if (partner.sftp() != null && !pinned(partner.sftp())) {
                problems.add("partner " + partner.id() + ": the SFTP server's host key is not pinned");
            }
            if (partner.inbound() != null && partner.inbound().sftp() != null && !pinned(partner.inbound().sftp())) {
                problems.add("partner " + partner.id() + ": the inbound SFTP server's host key is not pinned");
            }
        }
        if (!environment.getProperty("originhub.exchange.tls.enabled", Boolean.class, false)) {
            problems.add("mutual TLS between hubs is off (originhub.exchange.tls.enabled)");
        }
        for (PartnerDefinition partner : directory.partners()) {
            if (partner.channel() == PartnerDefinition.Channel.http && partner.endpoint() != null
                    && !partner.endpoint().startsWith("https:")) {
                problems.add("partner " + partner.id() + " is reached without TLS (" + partner.endpoint() + ")");
            }
        }
        if (environment.getProperty("originhub.sftp.embedded.enabled", Boolean.class, false)) {
            problems.add("the embedded demo SFTP server is enabled (originhub.sftp.embedded.enabled)");
        }
        String keystore = environment.getProperty("originhub.signing.keystore", "");
        if (keystore.toLowerCase(Locale.ROOT).contains("demo")) {
            problems.add("the signing keystore is the demo one (" + keystore + ")");
        }
        return problems;
    }

    private static boolean pinned(SftpSettings sftp) {
        return "yes".equalsIgnoreCase(sftp.strictHostKeyChecking()) && sftp.knownHostsFile() != null
                && !sftp.knownHostsFile().isBlank();
    }

    /** Stops the start-up with every problem at once. */
    public static void check(Environment environment, HubDirectory directory) {
        List<String> problems = problems(environment, directory);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the production profile refuses to start:\n - " + String.join("\n - ", problems));
        }
    }
}

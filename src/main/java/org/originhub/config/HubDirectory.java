package org.originhub.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.originhub.format.NationalFormats;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Sources, partners and retry policies as configured in YAML files. Read once at start-up and checked
 * against each other (a source's format exists, a partner's retry policy exists, ids are unique), so a
 * broken configuration stops the hub with the file and field named rather than failing a certificate later.
 * {@code ${...}} placeholders in the files are resolved from the Spring environment.
 */
public final class HubDirectory {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, SourceDefinition> sources;
    private final Map<String, PartnerDefinition> partners;
    private final Map<String, RetryPolicy> retryPolicies;

    public HubDirectory(Map<String, SourceDefinition> sources, Map<String, PartnerDefinition> partners,
            Map<String, RetryPolicy> retryPolicies) {
        this.sources = Map.copyOf(sources);
        this.partners = Map.copyOf(partners);
        this.retryPolicies = Map.copyOf(retryPolicies);
    }

    public static HubDirectory load(HubProperties properties, Environment environment, NationalFormats formats) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, RetryPolicy> policies = read(resolver.getResource(properties.retryPolicies()), environment,
                new TypeReference<LinkedHashMap<String, RetryPolicy>>() { });
        Map<String, SourceDefinition> sources = new LinkedHashMap<>();
        for (Resource file : list(resolver, properties.sourcesLocation())) {
            SourceDefinition source = read(file, environment, new TypeReference<SourceDefinition>() { });
            require(source.id() != null && source.id().matches("[a-z0-9][a-z0-9-]*"), file, "id must be a lower-case slug");
            require(formats.has(source.format()), file, "format '" + source.format() + "' is not configured " + formats.ids());
            require(source.pullSchedule() == null || org.quartz.CronExpression.isValidExpression(source.pullSchedule().trim()),
                    file, "pullSchedule is not a valid Quartz cron expression");
            require(sources.put(source.id(), source) == null, file, "source id '" + source.id() + "' is used twice");
        }
        Map<String, PartnerDefinition> partners = new LinkedHashMap<>();
        for (Resource file : list(resolver, properties.partnersLocation())) {
            PartnerDefinition partner = read(file, environment, new TypeReference<PartnerDefinition>() { });
            require(partner.id() != null && partner.id().matches("[a-z0-9][a-z0-9-]*"), file, "id must be a lower-case slug");
            require(partner.partyId() != null && partner.partyId().matches("[A-Z]{2}:[A-Z0-9-]{1,20}"), file,
                    "partyId must look like TH:DFT");
            require(partner.country() != null && partner.partyId().startsWith(partner.country() + ":"), file,
                    "partyId must start with the partner's country");
            require(partner.channel() != null, file, "channel is required (http, sftp, jms or file)");
            require(partner.channel() != PartnerDefinition.Channel.http
                    || partner.endpoint() != null && !partner.endpoint().isBlank(), file, "endpoint is required for http");
            require(partner.channel() != PartnerDefinition.Channel.sftp || partner.sftp() != null, file,
                    "sftp settings are required for the sftp channel");
            require(partner.channel() != PartnerDefinition.Channel.jms || partner.jms() != null
                    && partner.jms().queue() != null, file, "jms settings with a queue are required for the jms channel");
            require(partner.channel() != PartnerDefinition.Channel.file || partner.directory() != null, file,
                    "directory is required for the file channel");
            require(policies.containsKey(partner.retryPolicy()), file, "retryPolicy '" + partner.retryPolicy()
                    + "' is not defined in " + properties.retryPolicies());
            require(partner.wantsCanonical() || formats.has(partner.format()), file, "format '" + partner.format()
                    + "' is neither canonical nor a configured national format");
            require(partner.batch() == null || partner.batch().cron() != null
                    && org.quartz.CronExpression.isValidExpression(partner.batch().cron().trim()), file,
                    "batch.cron is not a valid Quartz cron expression");
            require(partner.concurrentDeliveries() == null || partner.channel() == PartnerDefinition.Channel.http
                    && !partner.batched() && partner.concurrentDeliveries() >= 1, file,
                    "concurrentDeliveries (at least 1) is for a partner delivered to over http one certificate at a time");
            require(partner.signing() == null || partner.signing().certificate() != null
                    && !partner.signing().certificate().isBlank(), file, "signing.certificate is required under signing");
            require(partners.put(partner.id(), partner) == null, file, "partner id '" + partner.id() + "' is used twice");
        }
        return new HubDirectory(sources, partners, policies);
    }

    private static Resource[] list(PathMatchingResourcePatternResolver resolver, String location) {
        try {
            return resolver.getResources((location.endsWith("/") ? location : location + "/") + "*.yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + location, e);
        }
    }

    private static <T> T read(Resource file, Environment environment, TypeReference<T> type) {
        try (InputStream in = file.getInputStream()) {
            String text = environment.resolveRequiredPlaceholders(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return YAML.readValue(text, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("configuration file " + file.getDescription() + " is invalid: " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, Resource file, String message) {
        if (!condition) {
            throw new IllegalStateException("configuration file " + file.getDescription() + ": " + message);
        }
    }

    public Optional<SourceDefinition> source(String id) {
        return Optional.ofNullable(id == null ? null : sources.get(id));
    }

    public Collection<SourceDefinition> sources() {
        return sources.values();
    }

    public Collection<PartnerDefinition> partners() {
        return partners.values();
    }

    public Optional<PartnerDefinition> partner(String id) {
        return Optional.ofNullable(id == null ? null : partners.get(id));
    }

    /** The partner that sends with this party id (the SenderID of an envelope it sent us). */
    public Optional<PartnerDefinition> partnerByPartyId(String partyId) {
        return partners.values().stream().filter(p -> p.partyId().equals(partyId)).findFirst();
    }

    public RetryPolicy retryPolicy(String name) {
        return retryPolicies.get(name);
    }
}

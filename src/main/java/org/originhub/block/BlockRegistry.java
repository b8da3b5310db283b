package org.originhub.block;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XPathExecutable;
import org.originhub.canonical.CanonicalModel;
import org.originhub.config.HubDirectory;
import org.originhub.config.HubProperties;
import org.originhub.config.PartnerDefinition;
import org.originhub.config.SourceDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The utility blocks in force, read from {@code config/blocks/*.yaml}. Every file is validated against the
 * block schema, bound strictly, and checked against the rest of the configuration; a broken file is refused
 * with its file, line and field, and on a reload the blocks in force stay as they were.
 */
public class BlockRegistry {

    static final Set<String> MESSAGE_TYPES = Set.of("ECO", "CAN", "ACK", "STQ", "STR", "UTN", "VRQ", "VRS");
    static final Set<String> CRITERIA = Set.of("WO", "PE", "CTC", "RVC", "SP", "CR", "PSR", "OTHER");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BlockRegistry.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES, false);

    private final String location;
    private final HubDirectory directory;
    private final HubProperties.Hub hub;
    private final XPathCompiler xpath;
    private final BlockSchema schema = new BlockSchema();
    private final AtomicReference<List<ActiveBlock>> blocks = new AtomicReference<>(List.of());

    public BlockRegistry(String location, HubDirectory directory, HubProperties.Hub hub, Processor processor) {
        this.location = location.endsWith("/") ? location : location + "/";
        this.directory = directory;
        this.hub = hub;
        this.xpath = processor.newXPathCompiler();
        this.xpath.declareNamespace("", CanonicalModel.NAMESPACE);
        reload();
    }

    /** Reads every block file again; all or nothing: on any error the blocks in force are kept and the error thrown. */
    public synchronized List<UtilityBlock> reload() {
        // ids are unique because each must equal its file name
        List<ActiveBlock> loaded = new ArrayList<>();
        for (Resource resource : files()) {
            loaded.add(load(resource));
        }
        loaded.sort(Comparator.comparing(ActiveBlock::id));
        blocks.set(List.copyOf(loaded));
        return definitions();
    }

    public List<UtilityBlock> definitions() {
        return blocks.get().stream().map(ActiveBlock::definition).toList();
    }

    public Optional<UtilityBlock> definition(String id) {
        return find(id).map(ActiveBlock::definition);
    }

    Optional<ActiveBlock> find(String id) {
        return blocks.get().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    List<ActiveBlock> active() {
        return blocks.get().stream().filter(b -> b.definition().active()).toList();
    }

    private Resource[] files() {
        try {
            return new PathMatchingResourcePatternResolver().getResources(location + "*.yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the utility blocks in " + location, e);
        }
    }

    private ActiveBlock load(Resource resource) {
        String file = resource.getFilename();
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BlockConfigurationException(file, 1, "-", "unreadable: " + e.getMessage());
        }
        UtilityBlock block;
        YamlLines lines = new YamlLines(text);
        try {
            // the finding nearest the top of the file, as an operator reads it
            Optional<BlockSchema.Finding> finding = schema.check(text).stream()
                    .min(Comparator.comparingInt((BlockSchema.Finding f) -> lines.lineOf(f.field())));
            if (finding.isPresent()) {
                throw new BlockConfigurationException(file, lines.lineOf(finding.get().field()), finding.get().field(),
                        finding.get().problem());
            }
            block = YAML.readValue(text, UtilityBlock.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            // The parser's location is where it stopped reading; the field's own line is what an operator needs.
            int line = !field.isEmpty() ? lines.lineOf(field) : e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new BlockConfigurationException(file, line, field.isEmpty() ? "-" : field, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new BlockConfigurationException(file, line, "-", "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BlockConfigurationException(file, 1, "-", "unreadable: " + e.getMessage());
        }
        return check(block, file, lines);
    }

    /** The checks a binding cannot make: references to partners and sources, code values, compilable paths. */
    private ActiveBlock check(UtilityBlock block, String file, YamlLines lines) {
        Checker at = new Checker(file, lines);
        at.require(block.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), "id", "must be a lower-case slug");
        at.require(file.equals(block.id() + ".yaml"), "id", "must equal the file name (" + file + ")");
        UtilityBlock.Entities entities = block.process().entities();
        for (int i = 0; i < entities.countries().size(); i++) {
            at.require(entities.countries().get(i).matches("[A-Z]{2}"), "process.entities.countries[" + i + "]",
                    "must be an ISO 3166-1 alpha-2 code");
        }
        List<PartnerDefinition> partners = new ArrayList<>();
        for (int i = 0; i < entities.partners().size(); i++) {
            String id = entities.partners().get(i);
            String field = "process.entities.partners[" + i + "]";
            Optional<PartnerDefinition> partner = directory.partners().stream().filter(p -> p.id().equals(id)).findFirst();
            at.require(partner.isPresent(), field, "no partner '" + id + "' in config/partners");
            at.require(entities.countries().contains(partner.get().country()), field, "partner " + id + " is in "
                    + partner.get().country() + ", which is not one of the block's countries");
            partners.add(partner.get());
        }
        List<String> unreachable = entities.countries().stream()
                .filter(country -> !hub.serves(country) && partners.stream().noneMatch(p -> p.country().equals(country)))
                .toList();
        if (!unreachable.isEmpty()) {
            LOG.warn("utility block {}: no partner hub is configured for {}; certificates to them are refused (E020)",
                    block.id(), unreachable);
        }
        List<String> sources = entities.sources() == null ? List.of() : entities.sources();
        for (int i = 0; i < sources.size(); i++) {
            at.require(directory.source(sources.get(i)).map(SourceDefinition::id).isPresent(),
                    "process.entities.sources[" + i + "]", "no source '" + sources.get(i) + "' in config/sources");
        }
        List<String> messages = block.process().messages();
        for (int i = 0; i < messages.size(); i++) {
            at.require(MESSAGE_TYPES.contains(messages.get(i)), "process.messages[" + i + "]",
                    "unknown message type '" + messages.get(i) + "', expected one of " + MESSAGE_TYPES);
        }
        List<String> criteria = block.process().rules().originCriteria();
        for (int i = 0; criteria != null && i < criteria.size(); i++) {
            at.require(CRITERIA.contains(criteria.get(i)), "process.rules.originCriteria[" + i + "]",
                    "unknown origin criterion '" + criteria.get(i) + "', expected one of " + CRITERIA);
        }
        UtilityBlock.DataCluster cluster = block.process().dataCluster();
        List<ActiveBlock.CompiledRule> required = cluster == null ? List.of()
                : compile(at, cluster.required(), "process.dataCluster.required");
        List<ActiveBlock.CompiledRule> forbidden = cluster == null ? List.of()
                : compile(at, cluster.forbidden(), "process.dataCluster.forbidden");
        return new ActiveBlock(block, file, List.copyOf(partners), required, forbidden);
    }

    private List<ActiveBlock.CompiledRule> compile(Checker at, List<UtilityBlock.ElementRule> rules, String field) {
        List<ActiveBlock.CompiledRule> compiled = new ArrayList<>();
        for (int i = 0; rules != null && i < rules.size(); i++) {
            UtilityBlock.ElementRule rule = rules.get(i);
            String each = rule.each() == null || rule.each().isBlank() ? "." : rule.each();
            compiled.add(new ActiveBlock.CompiledRule(rule, at.xpath(each, field + "[" + i + "].each"),
                    at.xpath(rule.element(), field + "[" + i + "].element")));
        }
        return compiled;
    }

    /** Checks with the file and line at hand. */
    private final class Checker {
        private final String file;
        private final YamlLines lines;

        Checker(String file, YamlLines lines) {
            this.file = file;
            this.lines = lines;
        }

        void require(boolean condition, String field, String problem) {
            if (!condition) {
                throw new BlockConfigurationException(file, lines.lineOf(field), field, problem);
            }
        }

        XPathExecutable xpath(String expression, String field) {
            try {
                return xpath.compile(expression);
            } catch (SaxonApiException e) {
                throw new BlockConfigurationException(file, lines.lineOf(field), field, "not a valid path: " + e.getMessage());
            }
        }
    }
}

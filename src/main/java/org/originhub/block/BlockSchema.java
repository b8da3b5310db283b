package org.originhub.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * The utility-block file format as a JSON Schema (schema/utility-block-1.0.schema.json, versioned with the
 * hub), applied to each YAML file before it is bound; the first finding names the field, and its line is
 * looked up in the file.
 */
final class BlockSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String LOCATION = "/schema/utility-block-1.0.schema.json";

    private final JsonSchema schema;

    BlockSchema() {
        try (InputStream in = BlockSchema.class.getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException("the utility-block schema " + LOCATION + " is missing");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("the utility-block schema cannot be read", e);
        }
    }

    /** A finding as a field path ({@code process.entities.partners[1]}) and what is wrong with it. */
    record Finding(String field, String problem) {
    }

    /** Every schema finding (none when the file conforms); a file that is not one YAML mapping is a finding too. */
    List<Finding> check(String yaml) throws IOException {
        JsonNode document = YAML.readTree(yaml);
        if (document == null || !document.isObject()) {
            return List.of(new Finding("-", "the file must hold one block (a YAML mapping)"));
        }
        Set<ValidationMessage> messages = schema.validate(document);
        return messages.stream().map(BlockSchema::finding).toList();
    }

    private static Finding finding(ValidationMessage message) {
        String field = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        // For a missing or unknown property the location is its parent: name the property itself.
        if (message.getProperty() != null && ("required".equals(message.getType())
                || "additionalProperties".equals(message.getType()))) {
            field = field.isEmpty() ? message.getProperty() : field + "." + message.getProperty();
        }
        return new Finding(field.isEmpty() ? "-" : field, message.getMessage());
    }
}

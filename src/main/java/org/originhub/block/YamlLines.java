package org.originhub.block;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every field path in a YAML document ({@code process.entities.partners[1]}), so that a
 * check made after binding can still point at the line an operator must fix.
 */
final class YamlLines {

    private final Map<String, Integer> lines = new HashMap<>();

    YamlLines(String yaml) {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            if (parser.nextToken() != null) {
                walk(parser, "");
            }
        } catch (IOException e) {
            // malformed YAML is reported by the binding, with its own location
        }
    }

    private void walk(JsonParser parser, String path) throws IOException {
        if (!path.isEmpty()) {
            lines.putIfAbsent(path, parser.currentLocation().getLineNr());
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                lines.putIfAbsent(field, parser.currentLocation().getLineNr());
                parser.nextToken();
                walk(parser, field);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, path + "[" + index++ + "]");
            }
        }
    }

    /** The line of the field, or of its nearest enclosing field that is in the file. */
    int lineOf(String field) {
        String probe = field;
        while (!probe.isEmpty()) {
            Integer line = lines.get(probe);
            if (line != null) {
                return line;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut < 0 ? "" : probe.substring(0, cut);
        }
        return 1;
    }
}

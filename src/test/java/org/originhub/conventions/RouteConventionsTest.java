package org.originhub.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The route files follow the house rules: one definition per file, named after its id; ids kebab-case; a
 * direct: endpoint named after the route that consumes it; no hosts, ports or credentials written in a route.
 */
class RouteConventionsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> routeFiles() throws IOException {
        return Files.walk(Path.of("routes")).filter(p -> p.toString().endsWith(".camel.yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void eachFileHoldsOneDefinitionWhoseIdIsTheFileName(Path file) throws IOException {
        JsonNode definitions = YAML.readTree(file.toFile());
        assertThat(definitions.size()).as("definitions in %s", file).isEqualTo(1);
        JsonNode definition = definitions.get(0);
        String kind = definition.fieldNames().next();
        assertThat(kind).isIn("route", "routeTemplate", "routeConfiguration");
        String id = definition.get(kind).path("id").asText();
        assertThat(id).as("id in %s", file).matches("[a-z]+(-[a-z0-9]+)+");
        assertThat(file.getFileName().toString()).isEqualTo(id + ".camel.yaml");
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void aDirectEndpointIsNamedAfterTheRouteThatConsumesIt(Path file) throws IOException {
        JsonNode definition = YAML.readTree(file.toFile()).get(0);
        JsonNode route = definition.get("route");
        if (route != null && route.path("from").path("uri").asText().startsWith("direct:")) {
            assertThat(route.path("from").path("uri").asText()).isEqualTo("direct:" + route.path("id").asText());
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routesNameNoHostPortOrCredential(Path file) throws IOException {
        String text = Files.readString(file);
        for (String forbidden : List.of("localhost", "127.0.0.1", "password", "username", "://")) {
            assertThat(text.toLowerCase()).as("%s in %s", forbidden, file).doesNotContain(forbidden);
        }
    }
}

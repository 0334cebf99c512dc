package dev.botwebhooks.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.botwebhooks.support.YamlTree.leafKeys;
import static dev.botwebhooks.support.YamlTree.map;

/**
 * Every {@code webhooks.*} key of application.yaml has configuration metadata with a description (from
 * the properties records' {@code @param} javadoc, or additional-spring-configuration-metadata.json), so
 * that IDEs complete and explain it; and every such key in the metadata is listed in application.yaml.
 */
class ConfigurationMetadataTest {

    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");

    @Test
    void everyWebhooksKeyOfApplicationYamlIsDescribed() throws IOException {
        Map<String, String> described = webhooksMetadata();
        Set<String> keys = webhooksKeysOfApplicationYaml();

        assertThat(keys).contains("webhooks.ingress.max-body-size", "webhooks.access-log.enabled", "webhooks.database.host");
        for (String key : keys) {
            assertThat(described.get(key)).as("description of %s in the configuration metadata", key).isNotBlank();
        }
    }

    @Test
    void everyDescribedWebhooksKeyIsListedInApplicationYaml() throws IOException {
        assertThat(webhooksKeysOfApplicationYaml()).containsAll(webhooksMetadata().keySet());
    }

    /** webhooks.* property names with their descriptions (null when a property has none). */
    private static Map<String, String> webhooksMetadata() throws IOException {
        Map<String, String> described = new HashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        Enumeration<URL> files = ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        int ours = 0;
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                for (JsonNode property : json.readTree(in).get("properties")) {
                    String name = property.get("name").asString();
                    if (name.startsWith("webhooks.")) {
                        ours++;
                        described.put(name, property.has("description") ? property.get("description").asString() : null);
                    }
                }
            }
        }
        assertThat(ours).as("webhooks.* properties in the generated metadata").isGreaterThan(50);
        return described;
    }

    private static Set<String> webhooksKeysOfApplicationYaml() throws IOException {
        Set<String> keys = new TreeSet<>(leafKeys(map(new Yaml().load(Files.readString(APPLICATION_YAML)))));
        keys.removeIf(key -> !key.startsWith("webhooks."));
        return keys;
    }

}

package dev.botwebhooks.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reading a YAML document as SnakeYAML gives it (maps and lists), for tests that check configuration and manifests. */
public final class YamlTree {

    private YamlTree() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** The dotted paths of every leaf: {@code webhooks.ingress.max-body-size}, ... */
    public static Set<String> leafKeys(Map<String, Object> yaml) {
        Set<String> keys = new TreeSet<>();
        addLeafKeys("", yaml, keys);
        return keys;
    }

    private static void addLeafKeys(String prefix, Map<String, Object> yaml, Set<String> keys) {
        yaml.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?>) {
                addLeafKeys(path, map(value), keys);
            } else {
                keys.add(path);
            }
        });
    }
}

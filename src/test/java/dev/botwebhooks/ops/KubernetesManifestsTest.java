package dev.botwebhooks.ops;

import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifests in k8s/ checked against the application they deploy, which runs here. */
class KubernetesManifestsTest extends EndToEndTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static List<Map<String, Object>> documents;

    @BeforeAll
    static void readManifests() throws IOException {
        documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml().loadAll(reader)) {
                        documents.add(map(document));
                    }
                }
            }
        }
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = kind("Kustomization");
        Set<String> files = new TreeSet<>();
        try (Stream<Path> paths = Files.list(K8S)) {
            paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(files::add);
        }
        assertThat(new TreeSet<>(list(kustomization.get("resources")))).isEqualTo(files);
    }

    @Test
    void containerPortIsTheApplicationsPortAndTheServiceTargetsIt() throws IOException {
        Map<String, Object> container = container();
        Map<String, Object> port = map(list(container.get("ports")).get(0));
        assertThat(port.get("containerPort")).isEqualTo(defaultOfPlaceholder(applicationYaml("server.port")));

        Map<String, Object> servicePort = map(list(map(kind("Service").get("spec")).get("ports")).get(0));
        assertThat(servicePort.get("targetPort")).isEqualTo(port.get("name"));
    }

    @Test
    void probePathsAreServedByTheRunningApplication() {
        Map<String, Object> container = container();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            assertThat(httpGet.get("port")).isEqualTo("http");
            http.get().uri((String) httpGet.get("path")).exchange().expectStatus().isOk();
        }
        assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo("/readyz");
    }

    @Test
    void everyEnvironmentVariableIsOneTheApplicationBinds() throws IOException {
        Set<String> variables = new TreeSet<>();
        variables.addAll(map(kind("ConfigMap").get("data")).keySet());
        variables.addAll(map(kind("Secret").get("stringData")).keySet());
        for (Object env : list(container().get("env"))) {
            variables.add((String) map(env).get("name"));
        }
        Set<String> bound = boundEnvironmentVariables();

        assertThat(variables).contains("WEBHOOKS_DATABASE_HOST", "WEBHOOKS_ADMIN_TOKEN", "WEBHOOKS_PUBLIC_BASE_URL");
        for (String variable : variables) {
            assertThat(bound.contains(variable) || JVM_VARIABLES.contains(variable))
                    .as("%s is bound by the application", variable).isTrue();
        }
        assertThat(bound).doesNotContain("WEBHOOKS_NOT_A_KEY");
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyFilesystemAndShutDownWithinTheirGracePeriod() throws IOException {
        Map<String, Object> pod = map(map(kind("Deployment").get("spec")).get("template"));
        Map<String, Object> podSpec = map(pod.get("spec"));
        assertThat(map(podSpec.get("securityContext")).get("runAsNonRoot")).isEqualTo(true);
        Map<String, Object> container = container();
        Map<String, Object> security = map(container.get("securityContext"));
        assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(map(container.get("resources")).keySet()).contains("requests", "limits");
        assertThat(podSpec.get("topologySpreadConstraints")).isNotNull();

        int preStop = (int) map(map(map(container.get("lifecycle")).get("preStop")).get("sleep")).get("seconds");
        Duration shutdown = Duration.parse("PT" + applicationYaml("spring.lifecycle.timeout-per-shutdown-phase")
                .toUpperCase());
        assertThat((int) podSpec.get("terminationGracePeriodSeconds")).isGreaterThan(preStop + (int) shutdown.toSeconds());
    }

    /** The upper-case names under which the application reads a key (both of Spring's relaxed forms). */
    private static Set<String> boundEnvironmentVariables() throws IOException {
        Set<String> keys = new HashSet<>();
        flatten("", map(new Yaml().load(Files.readString(APPLICATION_YAML))), keys);
        Enumeration<URL> metadata = KubernetesManifestsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        JsonMapper json = JsonMapper.builder().build();
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                json.readTree(in).get("properties").forEach(p -> keys.add(p.get("name").asString()));
            }
        }
        Set<String> variables = new HashSet<>();
        for (String key : keys) {
            String upper = key.toUpperCase().replace('.', '_');
            variables.add(upper.replace("-", ""));
            variables.add(upper.replace('-', '_'));
        }
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(APPLICATION_YAML));
        while (placeholder.find()) {
            variables.add(placeholder.group(1));
        }
        return variables;
    }

    private static void flatten(String prefix, Map<String, Object> yaml, Set<String> keys) {
        yaml.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?>) {
                flatten(path, map(value), keys);
            } else {
                keys.add(path);
            }
        });
    }

    private static String applicationYaml(String dottedKey) throws IOException {
        Object node = new Yaml().load(Files.readString(APPLICATION_YAML));
        for (String part : dottedKey.split("\\.")) {
            node = map(node).get(part);
        }
        return String.valueOf(node);
    }

    private static int defaultOfPlaceholder(String value) {
        Matcher placeholder = Pattern.compile("\\$\\{[^:}]+:(\\d+)}").matcher(value);
        return placeholder.matches() ? Integer.parseInt(placeholder.group(1)) : Integer.parseInt(value);
    }

    private static Map<String, Object> container() {
        Map<String, Object> podSpec = map(map(map(kind("Deployment").get("spec")).get("template")).get("spec"));
        return map(list(podSpec.get("containers")).get(0));
    }

    private static Map<String, Object> kind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

}

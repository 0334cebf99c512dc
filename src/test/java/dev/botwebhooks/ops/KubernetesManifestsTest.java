package dev.botwebhooks.ops;

import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.Bots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.botwebhooks.support.YamlTree.leafKeys;
import static dev.botwebhooks.support.YamlTree.list;
import static dev.botwebhooks.support.YamlTree.map;

/**
 * The manifests in k8s/, as {@code kubectl kustomize} renders the base and the overlays, checked
 * against the application they deploy, which runs here. Skipped where kubectl is missing (.ci/run
 * installs it where it can).
 */
class KubernetesManifestsTest extends EndToEndTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    private static final List<String> OVERLAYS = List.of("base", "overlays/dev", "overlays/prod");

    /** Rendered documents by directory under k8s/ ("" for k8s/ itself). */
    private static final Map<String, List<Map<String, Object>>> rendered = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        assumeTrue(kubectl() != null, "kubectl is not installed");
        for (String overlay : List.of("base", "overlays/dev", "overlays/prod", "")) {
            rendered.put(overlay, kustomize(overlay.isEmpty() ? K8S : K8S.resolve(overlay)));
        }
    }

    @Test
    void baseKustomizationListsEveryManifestOfTheBase() throws IOException {
        Map<String, Object> kustomization = map(new Yaml().load(Files.readString(BASE.resolve("kustomization.yaml"))));
        Set<String> files = new TreeSet<>();
        try (Stream<Path> paths = Files.list(BASE)) {
            paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(files::add);
        }
        assertThat(new TreeSet<>(list(kustomization.get("resources")))).isEqualTo(files);
    }

    @Test
    void onlyTheDevOverlayCreatesASecretAndEveryOverlayUsesIt() {
        assertThat(kinds("base")).doesNotContain("Secret");
        assertThat(kinds("overlays/prod")).doesNotContain("Secret");
        assertThat(kinds("")).doesNotContain("Secret");
        assertThat(map(kind("overlays/dev", "Secret").get("metadata")).get("name")).isEqualTo("bot-webhooks");
        assertThat(kinds("overlays/dev")).contains("StatefulSet");
        assertThat(map(kind("overlays/dev", "ConfigMap").get("data")).get("WEBHOOKS_DATABASE_HOST")).isEqualTo("postgres");
        for (String overlay : OVERLAYS) {
            assertThat(list(container(overlay).get("envFrom"))).as(overlay)
                    .contains(Map.of("secretRef", Map.of("name", "bot-webhooks")));
        }
    }

    @Test
    void k8sItselfRendersTheProductionOverlay() {
        assertThat(rendered.get("")).isEqualTo(rendered.get("overlays/prod"));
        assertThat(kinds("overlays/prod")).contains("ServiceMonitor", "PrometheusRule", "Ingress");
        assertThat(map(kind("overlays/prod", "Deployment").get("spec")).get("replicas")).isEqualTo(3);
    }

    @Test
    void theIngressRoutesWebhookUrlsOnlyAndTheyAreServed() {
        Bots.TestBot bot = bots.create("ingress").command("/ok", "Bot.sendMessage('ok')");
        String webhookPath = bot.localUrl(Map.of("command", "/ok")).getPath();
        http.get().uri(bot.localUrl(Map.of("command", "/ok"))).exchange().expectStatus().isOk();

        for (String overlay : OVERLAYS) {
            List<Map<String, Object>> ingresses = all(overlay, "Ingress");
            assertThat(ingresses).as(overlay).hasSize(1);
            Map<String, Object> ingress = ingresses.get(0);
            assertThat(map(map(ingress.get("metadata")).get("annotations")))
                    .containsEntry("nginx.ingress.kubernetes.io/use-regex", "true");
            for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
                for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                    Map<String, Object> backend = map(map(map(path).get("backend")).get("service"));
                    assertThat(backend).containsEntry("name", "bot-webhooks").containsEntry("port", Map.of("name", "http"));
                    // ingress-nginx matches a regex path as a case-insensitive location from the start of the URI.
                    Pattern location = Pattern.compile("^" + map(path).get("path"), Pattern.CASE_INSENSITIVE);
                    assertThat(location.matcher(webhookPath).find()).as(overlay + " routes " + webhookPath).isTrue();
                    for (String closed : List.of("/api/v1/bots", "/api/v1/bots/1/calls", "/actuator/prometheus",
                            "/livez", "/readyz", "/", "/v1/bots/1/calls", "/v1/bots/1/new-webhook/x", "/v1/bots/new-webhook",
                            "/x/v1/bots/1/new-webhook")) {
                        assertThat(location.matcher(closed).find()).as(overlay + " routes " + closed).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void probesAreOnTheManagementPortWhichThePublicServiceDoesNotExpose() throws IOException {
        int managementPortDefault = Integer.parseInt(applicationYaml("management.server.port"));
        for (String overlay : OVERLAYS) {
            Map<String, Object> container = container(overlay);
            Map<String, Object> ports = new HashMap<>();
            list(container.get("ports")).forEach(p -> ports.put((String) map(p).get("name"), map(p).get("containerPort")));
            assertThat(ports).as(overlay).containsEntry("http", defaultOfPlaceholder(applicationYaml("server.port")))
                    .containsEntry("management", managementPortDefault);

            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
                assertThat(httpGet.get("port")).as(overlay + " " + probe).isEqualTo("management");
            }

            Map<String, Object> publicService = service(overlay, "bot-webhooks");
            for (Object port : list(map(publicService.get("spec")).get("ports"))) {
                assertThat(map(port).get("targetPort")).as(overlay).isEqualTo("http");
                assertThat(map(port).get("port")).isNotEqualTo(managementPortDefault);
            }
            Map<String, Object> managementService = service(overlay, "bot-webhooks-management");
            assertThat(list(map(managementService.get("spec")).get("ports")))
                    .containsExactly(Map.of("name", "management", "port", managementPortDefault, "targetPort", "management"));
            assertThat(map(managementService.get("spec")).get("type")).as("never a LoadBalancer or NodePort").isNull();
        }
    }

    @Test
    void probePathsAreServedOnTheManagementPortAndNotOnThePublicOne() {
        Map<String, Object> container = container("overlays/prod");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = (String) map(map(container.get(probe)).get("httpGet")).get("path");
            management.get().uri(path).exchange().expectStatus().isOk();
            http.get().uri(path).exchange().expectStatus().isNotFound();
        }
        assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo("/readyz");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void theServiceMonitorScrapesTheManagementService() {
        Map<String, Object> monitor = map(kind("overlays/prod", "ServiceMonitor").get("spec"));
        Map<String, Object> managementService = service("overlays/prod", "bot-webhooks-management");
        Map<String, Object> selector = map(map(monitor.get("selector")).get("matchLabels"));
        assertThat(map(map(managementService.get("metadata")).get("labels"))).containsAllEntriesOf(selector);
        assertThat(map(map(service("overlays/prod", "bot-webhooks").get("metadata")).get("labels")))
                .as("the public Service is not scraped").doesNotContainEntry("app.kubernetes.io/component", "management");
        Map<String, Object> endpoint = map(list(monitor.get("endpoints")).get(0));
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
    }

    @Test
    void everyEnvironmentVariableIsOneTheApplicationBinds() throws IOException {
        Set<String> variables = new TreeSet<>();
        variables.addAll(map(kind("overlays/dev", "ConfigMap").get("data")).keySet());
        variables.addAll(map(kind("overlays/dev", "Secret").get("stringData")).keySet());
        for (Object env : list(container("overlays/prod").get("env"))) {
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
        for (String overlay : OVERLAYS) {
            Map<String, Object> pod = map(map(kind(overlay, "Deployment").get("spec")).get("template"));
            Map<String, Object> podSpec = map(pod.get("spec"));
            assertThat(map(podSpec.get("securityContext")).get("runAsNonRoot")).isEqualTo(true);
            Map<String, Object> container = container(overlay);
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
    }

    /** The upper-case names under which the application reads a key (both of Spring's relaxed forms). */
    private static Set<String> boundEnvironmentVariables() throws IOException {
        Set<String> keys = new HashSet<>(leafKeys(map(new Yaml().load(Files.readString(APPLICATION_YAML)))));
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

    private static Map<String, Object> container(String overlay) {
        Map<String, Object> podSpec = map(map(map(kind(overlay, "Deployment").get("spec")).get("template")).get("spec"));
        return map(list(podSpec.get("containers")).get(0));
    }

    private static Map<String, Object> service(String overlay, String name) {
        return all(overlay, "Service").stream().filter(s -> name.equals(map(s.get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name + " in " + overlay));
    }

    private static Map<String, Object> kind(String overlay, String kind) {
        return all(overlay, kind).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/" + overlay));
    }

    private static List<Map<String, Object>> all(String overlay, String kind) {
        return rendered.get(overlay).stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static List<String> kinds(String overlay) {
        return rendered.get(overlay).stream().map(d -> (String) d.get("kind")).toList();
    }

    private static List<Map<String, Object>> kustomize(Path directory) throws Exception {
        Path output = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder(kubectl().toString(), "kustomize", directory.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
            String yaml = Files.readString(output);
            assertThat(process.exitValue()).as("kubectl kustomize %s:\n%s", directory, yaml).isZero();
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(yaml)) {
                documents.add(map(document));
            }
            return documents;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** kubectl on the PATH, or null. */
    private static Path kubectl() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

}

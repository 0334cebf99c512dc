package dev.botwebhooks.ops;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric a Grafana dashboard query names must be exported by the running service after
 * ordinary traffic: a renamed meter breaks this test, not a dashboard in production.
 */
@TestPropertySource(properties = "webhooks.metrics.per-bot-max-bots=4")
class DashboardMetricsTest extends EndToEndTest {

    // The per-bot meters the drill-down reads are on: the same limit as KubernetesAlertsTest and
    // webhook.PerBotMetricsTest, so that the three share one application context.

    private static final Path DASHBOARDS = Path.of("grafana/dashboards");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "and", "or", "unless", "le", "inf", "nan");

    @Test
    void everyMetricThatADashboardQueryNamesIsExported() throws IOException {
        driveTraffic(bots, http, baseUrl);
        // jvm.gc.pause appears with the first GC pause its context sees, and this context may be new.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return meters.find("jvm.gc.pause").timer() != null;
        });
        Set<String> exported = exportedMetricNames(management);

        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                collectQueries(JsonMapper.builder().build().readTree(file.toFile())).forEach(q -> named.addAll(metricNames(q)));
            }
        }

        assertThat(named).as("metrics named by the dashboards").isNotEmpty()
                .contains("webhook_requests_seconds_bucket", "webhook_rejections_total", "script_run_seconds_bucket",
                        "webhook_bot_requests_seconds_count", "webhook_bot_requests_seconds_sum",
                        "webhook_idempotent_replays_total", "delivery_messages_total", "script_http_requests_total",
                        "database_up");
        assertThat(exported).as("metrics exported at /actuator/prometheus").containsAll(named);
    }

    @Test
    void everyPanelHasADescriptionAndTheChosenDataSource() throws IOException {
        for (JsonNode dashboard : dashboards()) {
            JsonNode variables = dashboard.get("templating").get("list");
            assertThat(variables.valueStream().filter(v -> v.get("type").asString().equals("datasource")))
                    .as("a datasource variable").singleElement()
                    .satisfies(v -> assertThat(v.get("query").asString()).isEqualTo("prometheus"));
            String chosen = "${" + variables.valueStream().filter(v -> v.get("type").asString().equals("datasource"))
                    .findFirst().orElseThrow().get("name").asString() + "}";
            assertThat(dashboard.get("__inputs").valueStream().map(i -> i.get("pluginId").asString())).contains("prometheus");
            assertThat(variables.valueStream().map(v -> v.get("name").asString())).contains("job", "bot", "topn");

            assertThat(dashboard.get("panels").size()).isGreaterThan(20);
            for (JsonNode panel : dashboard.get("panels")) {
                String title = panel.get("title").asString();
                assertThat(panel.path("description").asString("")).as("description of %s", title).isNotBlank();
                if (!panel.get("type").asString().equals("row")) {
                    assertThat(panel.get("datasource").get("uid").asString()).as(title).isEqualTo(chosen);
                    panel.get("targets").forEach(t -> assertThat(t.get("datasource").get("uid").asString()).as(title).isEqualTo(chosen));
                }
            }
            for (JsonNode variable : variables) {
                if (variable.has("datasource")) {
                    assertThat(variable.get("datasource").get("uid").asString()).isEqualTo(chosen);
                }
            }
        }
    }

    @Test
    void timeSpentInGcIsARatioNotSeconds() throws IOException {
        for (JsonNode dashboard : dashboards()) {
            for (JsonNode panel : dashboard.get("panels")) {
                String exprs = panel.path("targets").toString();
                if (exprs.contains("jvm_gc_pause_seconds_sum")) {
                    assertThat(panel.get("fieldConfig").get("defaults").get("unit").asString())
                            .as("rate of seconds of pause per second").isEqualTo("percentunit");
                }
            }
        }
    }

    private static java.util.List<JsonNode> dashboards() throws IOException {
        java.util.List<JsonNode> dashboards = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(JsonMapper.builder().build().readTree(file.toFile()));
            }
        }
        assertThat(dashboards).isNotEmpty();
        return dashboards;
    }

    @Test
    void metricNamesAreReadOffPromQl() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, outcome) "
                + "(rate(script_run_seconds_bucket{job=~\"$job\",area=\"heap\"}[$__rate_interval])))"))
                .containsExactly("script_run_seconds_bucket");
        assertThat(metricNames("label_values(webhook_requests_seconds_count, job)"))
                .containsExactly("webhook_requests_seconds_count");
        assertThat(metricNames("topk($topn, sum by (bot) (rate(webhook_bot_requests_seconds_sum{bot=~\"$bot\"}[5m])) "
                + "/ sum by (bot) (rate(webhook_bot_requests_seconds_count[5m])))"))
                .containsExactly("webhook_bot_requests_seconds_count", "webhook_bot_requests_seconds_sum");
    }

    /** Requests that make the service register its lazily created meters (script runs, 404s, 503s). */
    static void driveTraffic(Bots bots, WebTestClient http, String baseUrl) {
        Bots.TestBot bot = bots.create("dashboards").command("/ok", "Bot.sendMessage('ok')")
                .command("/fail", "throw new Error('x')");
        http.get().uri(bot.localUrl(Map.of("command", "/ok"))).exchange().expectStatus().isOk();
        http.get().uri(bot.localUrl(Map.of("command", "/fail"))).exchange().expectStatus().isEqualTo(503);
        http.get().uri(URI.create(baseUrl + "/v1/bots/" + bot.id() + "/new-webhook?command=%2Fok&sig=bad"))
                .exchange().expectStatus().isNotFound();
    }

    /** The metric names at /actuator/prometheus on the management port. */
    static Set<String> exportedMetricNames(WebTestClient management) {
        String text = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher name = IDENTIFIER.matcher(line);
                if (name.lookingAt()) {
                    names.add(name.group());
                }
            }
        }
        return names;
    }

    private static Set<String> collectQueries(JsonNode node) {
        Set<String> queries = new TreeSet<>();
        if (node.isObject()) {
            for (String field : node.propertyNames()) {
                JsonNode value = node.get(field);
                if ((field.equals("expr") || field.equals("definition")) && value.isString()) {
                    queries.add(value.asString());
                } else {
                    queries.addAll(collectQueries(value));
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> queries.addAll(collectQueries(child)));
        }
        return queries;
    }

    /** The metric names of a PromQL query: identifiers that are neither functions, keywords nor labels. */
    static Set<String> metricNames(String promql) {
        String bare = promql
                .replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "")
                .replaceAll(",\\s*[a-z_]+\\s*\\)", ")");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String word = identifier.group();
            boolean isFunction = bare.substring(identifier.end()).stripLeading().startsWith("(");
            if (!isFunction && !PROMQL_WORDS.contains(word.toLowerCase()) && word.contains("_")) {
                names.add(word);
            }
        }
        return names;
    }
}

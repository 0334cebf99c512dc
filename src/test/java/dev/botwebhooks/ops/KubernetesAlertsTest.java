package dev.botwebhooks.ops;

import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.botwebhooks.support.YamlTree.list;
import static dev.botwebhooks.support.YamlTree.map;

/**
 * The alert rules of the PrometheusRule, checked by {@code promtool} (Debian's prometheus package;
 * .ci/run installs it) and unit-tested with the cases in src/test/resources/alerts, and every metric
 * they name exported by the running service (or by kube-state-metrics).
 */
@TestPropertySource(properties = "webhooks.metrics.per-bot-max-bots=4")
class KubernetesAlertsTest extends EndToEndTest {

    static final Path PROMETHEUS_RULE = Path.of("k8s/components/monitoring/prometheusrule.yaml");
    private static final Path RULE_TESTS = Path.of("src/test/resources/alerts/bot-webhooks-rules.test.yaml");

    @TempDir
    Path work;

    @Test
    void promtoolChecksTheRulesAndTheirUnitTestsPass() throws Exception {
        assumeTrue(promtool() != null, "promtool is not installed (apt-get install prometheus)");
        Path rules = work.resolve("bot-webhooks-rules.yaml");
        Files.writeString(rules, new Yaml().dump(ruleGroups()));
        Path tests = Files.copy(RULE_TESTS, work.resolve(RULE_TESTS.getFileName()));

        assertThat(promtool("check", "rules", rules.toString())).contains("SUCCESS: 7 rules found");
        assertThat(promtool("test", "rules", tests.toString())).contains("SUCCESS");
    }

    @Test
    void aBrokenRuleFailsPromtool() throws Exception {
        assumeTrue(promtool() != null, "promtool is not installed (apt-get install prometheus)");
        Path rules = work.resolve("broken.yaml");
        Files.writeString(rules, "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: rate(x[5m]\n");
        assertThat(run(List.of(promtool().toString(), "check", "rules", rules.toString())).exitCode()).isNotZero();
    }

    @Test
    void everyAlertNamesMetricsTheServiceOrKubeStateMetricsExports() throws IOException {
        DashboardMetricsTest.driveTraffic(bots, http, baseUrl);
        Set<String> exported = DashboardMetricsTest.exportedMetricNames(management);
        Set<String> named = new TreeSet<>();
        Set<String> alerts = new TreeSet<>();
        for (Object group : list(ruleGroups().get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                alerts.add((String) map(rule).get("alert"));
                named.addAll(DashboardMetricsTest.metricNames((String) map(rule).get("expr")));
            }
        }

        assertThat(alerts).contains("BotWebhooksHighErrorRatio", "BotWebhooksHighScriptErrorRatio", "BotWebhooksOverloaded",
                "BotWebhooksDeliveryBacklogGrowing", "BotWebhooksScheduledRunsLate", "BotWebhooksDatabaseDown",
                "BotWebhooksReplicasNotReady");
        assertThat(named).contains("database_up", "delivery_backlog", "kube_deployment_spec_replicas");
        assertThat(named.stream().filter(name -> !name.startsWith("kube_")).toList())
                .as("metrics exported at /actuator/prometheus").allMatch(exported::contains);
    }

    static Map<String, Object> ruleGroups() throws IOException {
        return map(map(new Yaml().load(Files.readString(PROMETHEUS_RULE))).get("spec"));
    }

    private String promtool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(promtool().toString()));
        command.addAll(List.of(arguments));
        Result result = run(command);
        assertThat(result.exitCode()).as("%s\n%s", command, result.output()).isZero();
        return result.output();
    }

    private Result run(List<String> command) throws Exception {
        Path output = work.resolve("promtool.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** promtool on the PATH, or null. */
    static Path promtool() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private record Result(int exitCode, String output) { }

}

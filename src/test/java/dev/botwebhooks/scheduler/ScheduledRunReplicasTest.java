package dev.botwebhooks.scheduler;

import dev.botwebhooks.BotWebhooksApplication;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.FakeTelegram;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs live in PostgreSQL: they survive a restart, and replicas against one database share them and run
 * each exactly once. Each application instance here is a whole service on its own port, started and
 * closed by the test, against the one database of the test run.
 */
class ScheduledRunReplicasTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private Bots.TestBot bot;

    /** A running instance: its application context and a client and bot helper on its port. */
    private record Instance(ConfigurableApplicationContext context, WebTestClient http, Bots bots) {

        Bots.TestBot view(Bots.TestBot bot) {
            String baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            return new Bots.TestBot(http, baseUrl, bot.id(), bot.apiKey());
        }

        double jobsDone() {
            return context.getBean(MeterRegistry.class).counter("scheduled.runs", "outcome", "done").count();
        }
    }

    @AfterEach
    void deleteTheBotAndCloseTheInstances() {
        ConfigurableApplicationContext live = instances.stream().filter(ConfigurableApplicationContext::isActive)
                .findFirst().orElse(null);
        if (bot != null && live != null) {
            Instance instance = new Instance(live, client(live), null);
            instance.http().delete().uri(instance.view(bot).api(""))
                    .header("Authorization", "Bearer " + EndToEndTest.ADMIN_TOKEN)
                    .exchange().expectStatus().isNoContent();
        }
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aScheduledJobSurvivesARestartOfTheService() {
        Instance first = start();
        bot = first.bots().create("restart").user(5, Map.of("telegramid", 55))
                .command("/start", "Bot.run({command: '/later', run_after: 3, options: {note: 'kept'}})")
                .command("/later", "Bot.sendMessage('still here: ' + options.note)");
        String token = bot.chatToken();
        first.http().get().uri(bot.localUrl(Map.of("command", "/start", "user_id", 5))).exchange()
                .expectStatus().isOk();
        assertThat(bot.getJson("/scheduled-runs?status=pending").get("scheduled_runs")).hasSize(1);

        first.context().close();
        Instance second = start();

        Bots.TestBot again = second.view(bot);
        await().atMost(PATIENCE).until(() -> FakeTelegram.instance().delivered(token).size() == 1);
        assertThat(FakeTelegram.instance().delivered(token).get(0).text()).isEqualTo("still here: kept");
        JsonNode job = again.getJson("/scheduled-runs").get("scheduled_runs").get(0);
        assertThat(job.get("status").asString()).isEqualTo("done");
        Instant started = Instant.parse(again.getJson("/calls/" + job.get("call_id").asLong()).get("received_at").asString());
        assertThat(started).isAfterOrEqualTo(Instant.parse(job.get("run_at").asString()));
    }

    @Test
    void twoInstancesShareTheJobsAndRunEachExactlyOnce() {
        Instance one = start();
        Instance two = start();
        int jobs = 40;
        bot = one.bots().create("replicas").user(5, Map.of())
                .command("/start", "for (let i = 0; i < " + jobs + "; i++) Bot.run({command: '/job', run_after: 1, options: {i}})")
                // Long enough that one instance cannot claim every batch before the other polls.
                .command("/job", "let end = Date.now() + 150; while (Date.now() < end) {}\nBot.sendMessage('job ' + options.i)");
        one.http().get().uri(bot.localUrl(Map.of("command", "/start", "user_id", 5))).exchange().expectStatus().isOk();

        await().atMost(PATIENCE).until(() ->
                bot.getJson("/scheduled-runs?status=done&limit=100").get("scheduled_runs").size() == jobs);

        JsonNode messages = bot.getJson("/messages?limit=100").get("messages");
        Set<String> texts = new HashSet<>();
        messages.forEach(message -> texts.add(message.get("text").asString()));
        assertThat(messages).hasSize(jobs);
        assertThat(texts).hasSize(jobs);
        JsonNode calls = bot.getJson("/calls?limit=100").get("calls");
        assertThat(calls).hasSize(jobs + 1);
        assertThat(bot.getJson("/scheduled-runs?limit=100").get("scheduled_runs"))
                .allSatisfy(job -> assertThat(job.get("attempts").asInt()).isEqualTo(1));
        assertThat(one.jobsDone()).as("jobs run by the first instance").isPositive();
        assertThat(two.jobsDone()).as("jobs run by the second instance").isPositive();
    }

    private Instance start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BotWebhooksApplication.class)
                .run(EndToEndTest.instanceArguments());
        instances.add(context);
        WebTestClient http = client(context);
        return new Instance(context, http,
                new Bots(http, "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")));
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }
}

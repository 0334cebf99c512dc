package dev.botwebhooks.scheduler;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.FakeTelegram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bot.run jobs: durable, on time, logged as started by Bot.run; Bot.clearRunAfter; Bot.runCommand. */
class ScheduledRunsTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void runAfterIsHonouredAndTheJobRunsSoonAfterItIsDue() {
        Bots.TestBot bot = bots.create("jobs").user(5, Map.of("first_name", "Bo", "telegramid", 55))
                .command("/start", "Bot.run({command: '/later', run_after: 1.5, options: {n: 7}})")
                .command("/later", "Bot.sendMessage('later ' + options.n + ' for ' + user.first_name)");
        String token = bot.chatToken();
        Instant before = Instant.now();

        http.get().uri(bot.localUrl(Map.of("command", "/start", "user_id", 5))).exchange().expectStatus().isOk();

        await().atMost(PATIENCE).until(() -> FakeTelegram.instance().delivered(token).size() == 1);
        assertThat(FakeTelegram.instance().delivered(token).get(0).text()).isEqualTo("later 7 for Bo");
        JsonNode job = bot.getJson("/scheduled-runs").get("scheduled_runs").get(0);
        assertThat(job.get("status").asString()).isEqualTo("done");
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        Instant runAt = Instant.parse(job.get("run_at").asString());
        JsonNode call = bot.getJson("/calls/" + job.get("call_id").asLong());
        Instant started = Instant.parse(call.get("received_at").asString());
        assertThat(Duration.between(before, started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(started).isAfterOrEqualTo(runAt);
        assertThat(Duration.between(runAt, started)).isLessThan(Duration.ofSeconds(1));
        assertThat(call.get("origin").asString()).isEqualTo("bot_run");
        assertThat(call.get("method").isNull()).isTrue();
    }

    @Test
    void aJobWhoseScriptThrowsIsLoggedAsABotRunCallAndNotRetried() {
        Bots.TestBot bot = bots.create("jobs")
                .command("/start", "Bot.run({command: '/broken', options: {order: 1}})")
                .command("/broken", "throw new Error('order ' + options.order + ' is lost')");

        http.get().uri(bot.localUrl(Map.of("command", "/start"))).exchange().expectStatus().isOk();

        await().atMost(PATIENCE).until(() -> status(bot, 0).equals("failed"));
        JsonNode job = bot.getJson("/scheduled-runs").get("scheduled_runs").get(0);
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("error").asString()).startsWith("SCRIPT_ERROR: Error: order 1 is lost");
        JsonNode call = bot.getJson("/calls/" + job.get("call_id").asLong());
        assertThat(call.get("origin").asString()).isEqualTo("bot_run");
        assertThat(call.get("error_kind").asString()).isEqualTo("SCRIPT_ERROR");
        assertThat(call.get("error").asString()).contains("order 1 is lost");
        assertThat(bot.getJson("/calls").get("calls")).hasSize(2);
    }

    @Test
    void badBotRunArgumentsFailTheCallingRunWithAClearError() {
        Bots.TestBot bot = bots.create("jobs").command("/later", "")
                .command("/unknownUser", "Bot.run({command: '/later', user_id: 404})")
                .command("/unknownCommand", "Bot.run({command: '/nowhere'})");

        http.get().uri(bot.localUrl(Map.of("command", "/unknownUser"))).exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").isEqualTo("Error: Bot.run: unknown user 404");
        http.get().uri(bot.localUrl(Map.of("command", "/unknownCommand"))).exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").isEqualTo("Error: Bot.run: unknown command /nowhere");
        assertThat(bot.getJson("/scheduled-runs").get("scheduled_runs")).isEmpty();
    }

    @Test
    void clearRunAfterCancelsPendingJobsOfItsLabelOrAllOfThem() {
        Bots.TestBot bot = bots.create("jobs").command("/later", "")
                .command("/start", """
                        Bot.run({command: '/later', run_after: 600, label: 'reminder'})
                        Bot.run({command: '/later', run_after: 600, label: 'reminder'})
                        Bot.run({command: '/later', run_after: 600, label: 'other'})""")
                .command("/clearReminders", "Bot.clearRunAfter({label: 'reminder'})")
                .command("/clearAll", "Bot.clearRunAfter()");

        call(bot, "/start");
        call(bot, "/clearReminders");
        assertThat(statuses(bot)).containsExactly("cancelled", "cancelled", "pending");
        call(bot, "/clearAll");
        assertThat(statuses(bot)).containsExactly("cancelled", "cancelled", "cancelled");
    }

    @Test
    void runCommandRunsInlineAndItsMessageIsTheAnswer() {
        Bots.TestBot bot = bots.create("jobs").user(5, Map.of())
                .command("/onWebhook", "Bot.runCommand('/reply ' + JSON.parse(content).order, {paid: true})")
                .command("/reply", "Bot.sendMessage('order ' + params + (options.paid ? ' paid' : ''))")
                .command("/loop", "Bot.runCommand('/loop')");

        http.post().uri(bot.localUrl(Map.of("command", "/onWebhook", "user_id", 5))).bodyValue("{\"order\": 12}")
                .exchange().expectStatus().isOk().expectBody().json("{\"answer\": \"order 12 paid\"}");
        assertThat(bot.getJson("/messages").get("messages")).hasSize(1);
        http.get().uri(bot.localUrl(Map.of("command", "/loop"))).exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(error ->
                        assertThat((String) error).startsWith("Error: too many sub commands"));
    }

    private void call(Bots.TestBot bot, String command) {
        http.get().uri(bot.localUrl(Map.of("command", command))).exchange().expectStatus().isOk();
    }

    private static String status(Bots.TestBot bot, int index) {
        JsonNode jobs = bot.getJson("/scheduled-runs").get("scheduled_runs");
        return jobs.size() > index ? jobs.get(index).get("status").asString() : "";
    }

    /** Oldest first. */
    private static List<String> statuses(Bots.TestBot bot) {
        List<String> statuses = new ArrayList<>();
        bot.getJson("/scheduled-runs").get("scheduled_runs").forEach(job -> statuses.add(0, job.get("status").asString()));
        return statuses;
    }
}

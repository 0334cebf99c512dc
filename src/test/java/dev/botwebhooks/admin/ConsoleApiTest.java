package dev.botwebhooks.admin;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console reads from the admin API, through real HTTP against the real database. */
class ConsoleApiTest extends EndToEndTest {

    @Autowired
    DatabaseClient db;

    private long count(String table, long botId) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE bot_id = :bot").bind("bot", botId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void aTestRunShowsWhatItWouldCommitAndCommitsNothing() {
        Bots.TestBot bot = bots.create("test-run").user(42, Map.of("first_name", "Ann"))
                .command("/onPay", "User.setProperty('paid', JSON.parse(content).sum, 'integer');\n"
                        + "Bot.run({command: '/later', run_after: 60});\nBot.sendMessage('paid ' + options.params.ref)")
                .command("/later", "Bot.sendMessage('later')");

        JsonNode run = Bots.json(bot.send("POST", "/commands/%2FonPay/test-run", Map.of("content", "{\"sum\":7}",
                        "user_id", 42, "headers", Map.of("X-Test", "yes"), "params", Map.of("ref", "r1")))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(run.get("status").asInt()).isEqualTo(200);
        assertThat(run.get("answer").asString()).isEqualTo("paid r1");
        assertThat(run.get("committed").asBoolean()).isFalse();
        assertThat(run.get("error").isNull()).isTrue();
        JsonNode effects = run.get("effects");
        assertThat(effects.get("properties").get(0).get("name").asString()).isEqualTo("paid");
        assertThat(effects.get("properties").get(0).get("value").asInt()).isEqualTo(7);
        assertThat(effects.get("messages").get(0).get("text").asString()).isEqualTo("paid r1");
        assertThat(effects.get("messages").get(0).get("status").asString()).isEqualTo("uncommitted");
        assertThat(effects.get("jobs").get(0).get("command").asString()).isEqualTo("/later");
        for (String table : new String[] {"webhook_calls", "properties", "messages", "scheduled_runs"}) {
            assertThat(count(table, bot.id())).as(table).isZero();
        }
    }

    @Test
    void aFailedTestRunShowsTheScriptsStackAndAnUnknownFieldIsA400() {
        Bots.TestBot bot = bots.create("test-run-error").command("/boom", "function f() { throw new Error('no'); }\nf();");

        JsonNode run = Bots.json(bot.send("POST", "/commands/%2Fboom/test-run", Map.of()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(run.get("status").asInt()).isEqualTo(503);
        assertThat(run.get("error").get("message").asString()).isEqualTo("Error: no");
        assertThat(run.get("error").get("stack").asString()).contains("/boom");
        bot.send("POST", "/commands/%2Fboom/test-run", Map.of("userid", 1)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(count("webhook_calls", bot.id())).isZero();
    }

    @Test
    void aCallShowsItsEffectsAndCallsAreCountedPerMinute() {
        Bots.TestBot bot = bots.create("effects").user(42, Map.of("first_name", "Ann"))
                .command("/onPay", "User.setProperty('paid', 1, 'integer');\nBot.run({command: '/onPay', run_after: 3600});\n"
                        + "Bot.sendMessage('thanks')");
        URI url = bot.localUrl(Map.of("command", "/onPay", "user_id", 42));
        http.get().uri(url).exchange().expectStatus().isOk();

        long callId = bot.getJson("/calls").get("calls").get(0).get("id").asLong();
        JsonNode call = bot.getJson("/calls/" + callId);
        JsonNode effects = call.get("effects");
        assertThat(effects.get("properties").get(0).get("user_id").asLong()).isEqualTo(42);
        assertThat(effects.get("messages").get(0).get("text").asString()).isEqualTo("thanks");
        assertThat(effects.get("messages").get(0).get("id").isNull()).isFalse();
        JsonNode job = effects.get("jobs").get(0);
        assertThat(job.get("status").asString()).isEqualTo("pending");

        JsonNode minutes = bot.getJson("/calls/per-minute?minutes=5").get("minutes");
        assertThat(minutes.get(0).get("status_class").asString()).isEqualTo("2xx");
        assertThat(minutes.get(0).get("count").asInt()).isEqualTo(1);
        bot.get("/calls/per-minute?minutes=1441").exchange().expectStatus().isBadRequest();
        bot.get("/calls/per-minute?minutes=0").exchange().expectStatus().isBadRequest();

        long runId = job.get("id").asLong();
        bot.send("POST", "/scheduled-runs/" + runId + "/cancel", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("cancelled");
        bot.send("POST", "/scheduled-runs/" + runId + "/cancel", Map.of()).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        bot.send("POST", "/scheduled-runs/999999999/cancel", Map.of()).expectStatus().isNotFound();
    }

    @Test
    void aTamperedOrExpiredUrlIsARefusedCallWithoutItsSignature() {
        Bots.TestBot bot = bots.create("refused").command("/onPay", "Bot.sendMessage('ok')");
        URI url = bot.localUrl(Map.of("command", "/onPay"));
        URI tampered = URI.create(url.toString().replace("command=%2FonPay", "command=%2FonPayX"));
        http.get().uri(tampered).exchange().expectStatus().isNotFound();

        JsonNode refused = bot.getJson("/refused-calls");
        assertThat(refused.get("counts").get("bad_signature").asLong()).isEqualTo(1);
        assertThat(refused.get("counts").get("expired").asLong()).isZero();
        JsonNode recent = refused.get("recent").get(0);
        assertThat(recent.get("reason").asString()).isEqualTo("bad_signature");
        assertThat(recent.get("method").asString()).isEqualTo("GET");
        assertThat(recent.get("path_without_sig").asString()).isEqualTo("/v1/bots/" + bot.id() + "/new-webhook?command=%2FonPayX")
                .doesNotContain("sig=");
        assertThat(bot.getJson("/calls").get("calls")).isEmpty();
    }

    @Test
    void settingsShowNoSecretInFull() {
        Bots.TestBot bot = bots.create("settings");
        String token = bot.chatToken();
        String shown = bot.get("").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(shown).doesNotContain(token).doesNotContain("webhook_secret");
    }
}

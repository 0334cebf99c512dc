package dev.botwebhooks.run;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's effects commit with its call record, all or nothing; a bad script fails only its own run. */
class RunEffectsTest extends EndToEndTest {

    @Test
    void aSuccessfulRunCommitsItsPropertiesAndMessagesWithItsCallRecord() {
        Bots.TestBot bot = bots.create("effects").user(3, Map.of("telegramid", 33)).command("/pay", """
                Bot.setProp("orders", (Bot.getProp("orders", 0)) + 1, "integer")
                User.setProp("last", {sum: 10}, "json")
                Bot.sendMessage("thanks")
                """);
        for (int i = 0; i < 2; i++) {
            http.get().uri(bot.localUrl(Map.of("command", "/pay", "user_id", 3))).exchange().expectStatus().isOk();
        }

        JsonNode botProps = bot.getJson("/properties").get("properties");
        assertThat(botProps.get(0).get("name").asString()).isEqualTo("orders");
        assertThat(botProps.get(0).get("type").asString()).isEqualTo("integer");
        assertThat(botProps.get(0).get("value").asInt()).isEqualTo(2);
        JsonNode userProps = bot.getJson("/properties?user_id=3").get("properties");
        assertThat(userProps.get(0).get("value").get("sum").asInt()).isEqualTo(10);
        JsonNode messages = bot.getJson("/messages").get("messages");
        assertThat(messages).hasSize(2);
        JsonNode calls = bot.getJson("/calls").get("calls");
        assertThat(messages.get(0).get("call_id").asLong()).isEqualTo(calls.get(0).get("id").asLong());
    }

    @Test
    void aFailingRunLeavesItsCallRecordAndNoPropertyOrMessage() {
        Bots.TestBot bot = bots.create("effects").user(3, Map.of()).command("/pay", """
                Bot.setProp("paid", true)
                User.setProp("paid", true)
                Bot.sendMessage("you paid")
                throw new Error("payment check failed")
                """);

        http.get().uri(bot.localUrl(Map.of("command", "/pay", "user_id", 3))).exchange()
                .expectStatus().isEqualTo(503);

        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
        assertThat(bot.getJson("/properties?user_id=3").get("properties")).isEmpty();
        assertThat(bot.getJson("/messages").get("messages")).isEmpty();
        JsonNode calls = bot.getJson("/calls").get("calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("error").asString()).contains("payment check failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "java.lang.System.exit(0)",
            "Packages.java.lang.System.exit(0)",
            "Bot.sendMessage(''.getClass().getName())",
            "new JavaAdapter(java.lang.Runnable, {run: function(){}})",
            "this.constructor.constructor('return java')().lang.System.exit(0)"})
    void sandboxEscapesFailTheirRunAndTheServiceKeepsAnswering(String escape) {
        Bots.TestBot bot = bots.create("effects").command("/escape", escape).command("/ok", "Bot.sendMessage('alive')");

        http.get().uri(bot.localUrl(Map.of("command", "/escape"))).exchange().expectStatus().isEqualTo(503);
        http.get().uri(bot.localUrl(Map.of("command", "/ok"))).exchange()
                .expectStatus().isOk().expectBody().json("{\"answer\": \"alive\"}");
    }

    @Test
    void anEndlessLoopHitsTheCpuLimitAndOtherRunsGoOn() {
        Bots.TestBot bot = bots.create("effects").command("/loop", "Bot.setProp('x', 1); while (true) {}")
                .command("/ok", "Bot.sendMessage('alive')");

        http.get().uri(bot.localUrl(Map.of("command", "/loop"))).exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).containsIgnoringCase("cpu"));
        http.get().uri(bot.localUrl(Map.of("command", "/ok"))).exchange().expectStatus().isOk();
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
    }

    @Test
    void aReplacedCommandOrProfileIsSeenByTheVeryNextCall() {
        Bots.TestBot bot = bots.create("effects").user(3, Map.of("first_name", "Ann"))
                .command("/hi", "Bot.sendMessage('v1 ' + user.first_name)");
        java.net.URI url = bot.localUrl(Map.of("command", "/hi", "user_id", 3));
        http.get().uri(url).exchange().expectBody().json("{\"answer\": \"v1 Ann\"}");

        bot.command("/hi", "Bot.sendMessage('v2 ' + user.first_name)").user(3, Map.of("first_name", "Bo"));

        http.get().uri(url).exchange().expectBody().json("{\"answer\": \"v2 Bo\"}");
        http.delete().uri(bot.api("/commands/%2Fhi")).header("Authorization", "Bearer " + bot.apiKey()).exchange()
                .expectStatus().isNoContent();
        http.get().uri(url).exchange().expectStatus().isNotFound();
    }
}

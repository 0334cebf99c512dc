package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BB's "Wait for answer" ({@code need_reply}), from its "Ask a question and collect the reply" page: the question
 * first, the code with the user's next text that calls no command; a command called meanwhile ends the wait. The change
 * feed is on, as in production, so that the cached user hears of its wait at once.
 */
@TestPropertySource(properties = {"webhooks.cache.data-ttl=1m", "webhooks.cache.listen=true"})
class WaitForAnswerTest extends EndToEndTest {

    private static final String NAME = """
            /*CMD
              command: /name
              need_reply: true
              answer: What should I call you? Send /cancel to stop.
            CMD*/
            if (!message || !message.trim()) { Bot.sendMessage("Please send /name again and reply with text."); return; }
            var displayName = message.trim();
            User.setProp("display_name", displayName);
            Bot.sendMessage({ text: "Thanks, " + displayName + ". Your name is saved." + (options && options.step
              ? " (step " + options.step + ")" : ""), parse_mode: null });
            """;

    private JsonNode send(Bots.TestBot bot, String text, int status) {
        return Bots.json(http.get().uri(bot.localUrl(Map.of("command", text, "user_id", 1))).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody());
    }

    private Bots.TestBot bot() {
        Bots.TestBot bot = bots.create("wait").user(1, Map.of("telegramid", 111, "first_name", "Ann"));
        bot.send("POST", "/commands", Map.of("name", "/name", "code", NAME)).expectStatus().isOk();
        bot.send("POST", "/commands", Map.of("name", "/cancel", "code",
                "/*CMD\n  command: /cancel\n  answer: Cancelled. Send /name when you are ready.\nCMD*/\n")).expectStatus().isOk();
        return bot;
    }

    private String displayName(Bots.TestBot bot) {
        JsonNode properties = bot.getJson("/properties?user_id=1").get("properties");
        for (JsonNode property : properties) {
            if (property.get("name").asString().equals("display_name")) {
                return property.get("value").asString();
            }
        }
        return null;
    }

    @Test
    void theQuestionFirstAndTheCodeWithTheReply() {
        Bots.TestBot bot = bot();
        assertThat(send(bot, "/name", 200).get("answer").asString()).isEqualTo("What should I call you? Send /cancel to stop.");
        assertThat(displayName(bot)).isNull();
        assertThat(bot.getJson("/properties?user_id=1").toString()).contains("BB_waitingReply");

        // The URL of a text no command takes is made for a bot with a command that waits, with a warning.
        JsonNode made = Bots.json(bot.send("POST", "/webhook-urls", Map.of("command", "Alex", "user_id", 1))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(made.get("warnings").toString()).contains("need_reply");
        await().atMost(Duration.ofSeconds(5)).until(() -> send(bot, "Alex", 200).get("answer").asString()
                .equals("Thanks, Alex. Your name is saved."));
        assertThat(displayName(bot)).isEqualTo("Alex");
        // The wait is over: the same text again is no command.
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get().uri(bot.localUrl(Map.of("command", "Alex",
                "user_id", 1))).exchange().returnResult(String.class).getStatus().value() == 404);
        assertThat(bot.getJson("/properties?user_id=1").toString()).doesNotContain("BB_waitingReply");
    }

    @Test
    void aCommandCalledMeanwhileEndsTheWait() {
        Bots.TestBot bot = bot();
        send(bot, "/name", 200);
        assertThat(send(bot, "/cancel", 200).get("answer").asString()).isEqualTo("Cancelled. Send /name when you are ready.");
        await().atMost(Duration.ofSeconds(5)).until(() -> !bot.getJson("/properties?user_id=1").toString()
                .contains("BB_waitingReply"));
        bot.send("POST", "/commands", Map.of("name", "*", "code", "Bot.sendMessage('master: ' + message)")).expectStatus().isOk();
        assertThat(send(bot, "Bob", 200).get("answer").asString()).isEqualTo("master: Bob");
        assertThat(displayName(bot)).isNull();
    }

    @Test
    void runCommandAsksAndTheReplyGetsItsOptionsBeforeTheMasterCommand() {
        Bots.TestBot bot = bot();
        bot.send("POST", "/commands", Map.of("name", "*", "code", "Bot.sendMessage('master: ' + message)")).expectStatus().isOk();
        bot.command("/start", "Bot.runCommand('/name', { step: 2 })");
        assertThat(send(bot, "/start", 200).get("answer").asString()).isEqualTo("What should I call you? Send /cancel to stop.");
        await().atMost(Duration.ofSeconds(5)).until(() -> send(bot, "Carl", 200).get("answer").asString()
                .equals("Thanks, Carl. Your name is saved. (step 2)"));
        assertThat(send(bot, "Dan", 200).get("answer").asString()).isEqualTo("master: Dan");
    }
}

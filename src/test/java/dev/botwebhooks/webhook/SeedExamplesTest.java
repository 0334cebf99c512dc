package dev.botwebhooks.webhook;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The examples of the original help page (shared/seed-webhooks-lib.txt), as written there. */
class SeedExamplesTest extends EndToEndTest {

    @Test
    void userWebhookRunsOnWebhookForThatUserWithThatContent() {
        Bots.TestBot bot = bots.create("seed").user(42, Map.of("first_name", "Ann", "telegramid", 4242))
                .command("/onWebhook", "Bot.sendMessage(user.id + ' ' + user.first_name + ': ' + content)");
        URI url = bot.localUrl(Map.of("command", "/onWebhook", "content", "Did you see the cat?", "user_id", 42));

        http.get().uri(url).exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"answer\": \"42 Ann: Did you see the cat?\"}");
    }

    @Test
    void lastMessageIsTheAnswerAndEveryMessageReachesTheUsersChat() {
        Bots.TestBot bot = bots.create("seed").user(42, Map.of("telegramid", 4242))
                .command("/onWebhook", """
                        // first message sending appears on bot
                        Bot.sendMessage("This answer will be in bot");
                        // last message sending
                        // will be on bot and on web page
                        Bot.sendMessage("Hello in browser!");
                        """);
        URI url = bot.localUrl(Map.of("command", "/onWebhook", "user_id", 42));

        http.get().uri(url).exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"answer\": \"Hello in browser!\"}", true);

        JsonNode messages = bot.getJson("/messages?user_id=42").get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("text").asString()).isEqualTo("Hello in browser!");
        assertThat(messages.get(1).get("text").asString()).isEqualTo("This answer will be in bot");
        assertThat(messages.get(1).get("chat_id").asString()).isEqualTo("4242");
    }

    @Test
    void thrownErrorAnswers503WithCallIdAndTheCallLogKeepsTheFullError() {
        Bots.TestBot bot = bots.create("seed").command("/onWebhook", "\n\nthrow new Error(\"Error on webhook\")");
        URI url = bot.localUrl(Map.of("command", "/onWebhook"));

        String body = http.get().uri(url).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode answer = Bots.json(body);
        assertThat(answer.get("error").asString()).isEqualTo("Error: Error on webhook");
        assertThat(body).doesNotContain("at ", "java.", "line");

        JsonNode call = bot.getJson("/calls/" + answer.get("call_id").asLong());
        assertThat(call.get("status").asInt()).isEqualTo(503);
        assertThat(call.get("error_kind").asString()).isEqualTo("SCRIPT_ERROR");
        assertThat(call.get("error").asString()).contains("Error on webhook").contains("3");
    }

    @Test
    void globalWebhookHasNoUserAndReadsThePostedContent() {
        Bots.TestBot bot = bots.create("seed").command("/onWebhook", """
                if (user !== null || chat !== null) { throw new Error("a global webhook has no user") }
                let data = JSON.parse(content)
                Bot.sendMessage("payment for user " + data.user_id)
                """);
        URI url = bot.localUrl(Map.of("command", "/onWebhook"));

        http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user_id\": 7}").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"answer\": \"payment for user 7\"}");
        assertThat(bot.getJson("/messages").get("messages")).isEmpty();
    }

    @Test
    void redirectToSendsTheCallerToThePageAfterTheRun() {
        Bots.TestBot bot = bots.create("seed").user(42, Map.of())
                .command("/onWebhook", "User.setProp('saw_cat', true)");
        URI url = bot.localUrl(Map.of("command", "/onWebhook", "content", "Did you see the cat?", "user_id", 42,
                "redirect_to", "https://example.com/cat.jpg?size=big"));

        http.get().uri(url).exchange()
                .expectStatus().isFound()
                .expectHeader().valueEquals("Location", "https://example.com/cat.jpg?size=big");
        assertThat(bot.getJson("/properties?user_id=42").get("properties").get(0).get("value").asBoolean()).isTrue();
    }

    @Test
    void emptyRedirectToAsInTheSeedMeansNoRedirect() {
        Bots.TestBot bot = bots.create("seed").command("/onWebhook", "Bot.sendMessage('done')");
        URI url = bot.localUrl(Map.of("command", "/onWebhook", "redirect_to", ""));

        http.get().uri(url).exchange().expectStatus().isOk().expectBody().json("{\"answer\": \"done\"}");
    }

    @Test
    void noMessageAnswersNull() {
        Bots.TestBot bot = bots.create("seed").command("/onWebhook", "if (!options) return; let x = 1");
        http.get().uri(bot.localUrl(Map.of("command", "/onWebhook"))).exchange()
                .expectStatus().isOk().expectBody().json("{\"answer\": null}", true);
    }

    @Test
    void globalWebhookHandsTheWorkToUserCommandWhoseMessageReachesTheUsersChat() {
        Bots.TestBot bot = bots.create("seed").user(42, Map.of("first_name", "Ann", "telegramid", 4242))
                .command("/onWebhook", """
                        // for bot's webhook
                        // this is not worked - because no current user on bot's webhook
                        // Bot.sendMessage(inspect(content))
                        // We can pass user_id in content (it is depend from external service)
                        Bot.run({
                          command: "/userCommand",
                          user_id: JSON.parse(content).user_id
                        })
                        """)
                .command("/userCommand", """
                        // in /userCommand we can now use Bot.sendMessage function
                        Bot.sendMessage("Your payment is here, " + user.first_name)
                        """);
        String token = bot.chatToken();
        URI url = bot.localUrl(Map.of("command", "/onWebhook"));

        http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user_id\": 42}").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"answer\": null}");

        await().atMost(Duration.ofSeconds(10)).until(() -> !FakeTelegram.instance().delivered(token).isEmpty());
        FakeTelegram.Request sent = FakeTelegram.instance().delivered(token).get(0);
        assertThat(sent.body().get("chat_id").asLong()).isEqualTo(4242);
        assertThat(sent.text()).isEqualTo("Your payment is here, Ann");
        JsonNode calls = bot.getJson("/calls").get("calls");
        assertThat(calls.get(0).get("origin").asString()).isEqualTo("bot_run");
        assertThat(calls.get(0).get("command").asString()).isEqualTo("/userCommand");
        assertThat(calls.get(0).get("user_id").asLong()).isEqualTo(42);
        assertThat(calls.get(1).get("origin").asString()).isEqualTo("webhook");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                bot.getJson("/messages?user_id=42").get("messages").get(0).get("status").asString().equals("sent"));
    }

    @Test
    void everyMessageOfAUserWebhookReachesTheChatApiInOrder() {
        Bots.TestBot bot = bots.create("seed").user(42, Map.of("telegramid", 4242))
                .command("/onWebhook", """
                        Bot.sendMessage("This answer will be in bot");
                        Bot.sendMessage("Hello in browser!", {parse_mode: "HTML"});
                        """);
        String token = bot.chatToken();

        http.get().uri(bot.localUrl(Map.of("command", "/onWebhook", "user_id", 42))).exchange()
                .expectStatus().isOk().expectBody().json("{\"answer\": \"Hello in browser!\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> FakeTelegram.instance().delivered(token).size() == 2);
        var delivered = FakeTelegram.instance().delivered(token);
        assertThat(delivered).extracting(FakeTelegram.Request::text)
                .containsExactly("This answer will be in bot", "Hello in browser!");
        assertThat(delivered.get(1).body().get("parse_mode").asString()).isEqualTo("HTML");
    }
}

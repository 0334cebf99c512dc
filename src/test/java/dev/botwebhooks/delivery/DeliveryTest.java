package dev.botwebhooks.delivery;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.FakeTelegram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox reaches a Telegram-compatible API on 127.0.0.1: in order per chat, through 429s, 5xx and refusals. */
class DeliveryTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final FakeTelegram telegram = FakeTelegram.instance();

    @Test
    void messagesOfAChatArriveInOrderEvenWhenTheFirstNeedsARetry() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        telegram.reply(token, 502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");

        call(bot, "/send", "for (let i = 1; i <= 5; i++) Bot.sendMessage('m' + i)");
        call(bot, "/send", "for (let i = 6; i <= 8; i++) Bot.sendMessage('m' + i)");

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 8);
        assertThat(telegram.delivered(token)).extracting(FakeTelegram.Request::text)
                .containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");
        assertThat(telegram.requests(token).get(0).status()).isEqualTo(502);
        assertThat(telegram.requests(token).get(0).text()).isEqualTo("m1");
        await().atMost(PATIENCE).until(() -> statuses(bot).stream().allMatch("sent"::equals));
    }

    @Test
    void a429IsRetriedNoEarlierThanItsRetryAfter() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        telegram.reply(token, 429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}");

        call(bot, "/send", "Bot.sendMessage('patience')");

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 1);
        List<FakeTelegram.Request> requests = telegram.requests(token);
        assertThat(requests).extracting(FakeTelegram.Request::status).containsExactly(429, 200);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        JsonNode message = messages(bot).get(0);
        await().atMost(PATIENCE).until(() -> messages(bot).get(0).get("status").asString().equals("sent"));
        assertThat(message.get("text").asString()).isEqualTo("patience");
    }

    @Test
    void aRefusedMessageIsFailedWithTheReasonAndTheChatGoesOn() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        telegram.reply(token, 403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");

        call(bot, "/send", "Bot.sendMessage('blocked'); Bot.sendMessage('next')");

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 1);
        assertThat(telegram.delivered(token).get(0).text()).isEqualTo("next");
        await().atMost(PATIENCE).until(() -> statuses(bot).equals(List.of("failed", "sent")));
        JsonNode failed = messages(bot).get(1);
        assertThat(failed.get("last_error").asString()).isEqualTo("403 Forbidden: bot was blocked by the user");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(telegram.requests(token)).hasSize(2);
    }

    @Test
    void aFailedMessageIsSentAgainOnRequestAndOnlyAFailedOne() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        telegram.reply(token, 403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        call(bot, "/send", "Bot.sendMessage('unblocked later')");
        await().atMost(PATIENCE).until(() -> statuses(bot).equals(List.of("failed")));
        long id = messages(bot).get(0).get("id").asLong();

        bot.send("POST", "/messages/" + id + "/retry", Map.of()).expectStatus().isNoContent();

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 1);
        await().atMost(PATIENCE).until(() -> statuses(bot).equals(List.of("sent")));
        assertThat(messages(bot).get(0).get("attempts").asInt()).isEqualTo(1);
        bot.send("POST", "/messages/" + id + "/retry", Map.of()).expectStatus().isEqualTo(409);
        bot.send("POST", "/messages/999999999/retry", Map.of()).expectStatus().isEqualTo(409);
    }

    @Test
    void deliveryRecoversWhenTheApiComesBack() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        telegram.down(token, true);

        call(bot, "/send", "Bot.sendMessage('hello again')");

        await().atMost(PATIENCE).until(() -> telegram.requests(token).size() >= 3);
        JsonNode waiting = messages(bot).get(0);
        assertThat(waiting.get("status").asString()).isEqualTo("pending");
        assertThat(waiting.get("last_error").asString()).startsWith("500");
        assertThat(waiting.get("next_attempt_at").isNull()).as("a pending message says when it is tried next").isFalse();
        telegram.down(token, false);

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 1);
        await().atMost(PATIENCE).until(() -> messages(bot).get(0).get("status").asString().equals("sent"));
        assertThat(messages(bot).get(0).get("sent_at").isNull()).isFalse();
    }

    @Test
    void aBotWithoutTokenKeepsItsMessagesAsItsChatLog() {
        Bots.TestBot bot = chatBot();

        call(bot, "/send", "Bot.sendMessage('only in the log')");

        assertThat(messages(bot).get(0).get("status").asString()).isEqualTo("stored");
        assertThat(messages(bot).get(0).get("text").asString()).isEqualTo("only in the log");
    }

    private Bots.TestBot chatBot() {
        return bots.create("delivery").user(9, Map.of("telegramid", 909));
    }

    private void call(Bots.TestBot bot, String command, String code) {
        bot.command(command, code);
        http.get().uri(bot.localUrl(Map.of("command", command, "user_id", 9))).exchange().expectStatus().isOk();
    }

    private static JsonNode messages(Bots.TestBot bot) {
        return bot.getJson("/messages?user_id=9").get("messages");
    }

    /** Oldest first. */
    private static List<String> statuses(Bots.TestBot bot) {
        List<String> statuses = new ArrayList<>();
        messages(bot).forEach(message -> statuses.add(0, message.get("status").asString()));
        return statuses;
    }
}

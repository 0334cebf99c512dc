package dev.botwebhooks.delivery;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.FakeTelegram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bots.Business's chat API functions from its documentation (help.bots.business, "Api", "Keyboards", "Bot"), each
 * reaching a Telegram-compatible server on 127.0.0.1 through the outbox, in order, after the run's commit.
 */
class BbChatApiTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final long CHAT = 4242;

    private final FakeTelegram telegram = FakeTelegram.instance();

    @Test
    void anyApiMethodIsSentWithTheCurrentChatAndOnResultRunsWithTheApisAnswer() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        bot.command("/sent", "Bot.setProperty('sent_id', options.result.message_id, 'integer');"
                + " Bot.setProperty('order', options.bb_options.order, 'integer')");

        call(bot, "Api.sendPhoto({photo: 'https://example.com/cat.png', caption: 'A cat', on_result: '/sent',"
                + " bb_options: {order: 7}})");

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 1);
        FakeTelegram.Request photo = telegram.delivered(token).get(0);
        assertThat(photo.method()).isEqualTo("sendPhoto");
        assertThat(photo.body().get("chat_id").asLong()).isEqualTo(CHAT);
        assertThat(photo.body().get("photo").asString()).isEqualTo("https://example.com/cat.png");
        assertThat(photo.body().has("on_result")).isFalse();
        // BB's bb_options stay the bot's: not sent, given back to on_result.
        assertThat(photo.body().has("bb_options")).isFalse();
        await().atMost(PATIENCE).until(() -> property(bot, "sent_id") != null);
        await().atMost(PATIENCE).until(() -> property(bot, "order") != null);
        assertThat(property(bot, "order").asInt()).isEqualTo(7);
        assertThat(property(bot, "sent_id").asLong()).isPositive();
        JsonNode message = bot.getJson("/messages?user_id=42").get("messages").get(0);
        assertThat(message.get("method").asString()).isEqualTo("sendPhoto");
        assertThat(message.get("text").asString()).isEqualTo("A cat");
    }

    @Test
    void aRefusedApiCallRunsItsOnErrorCommandWithTheApisReason() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        telegram.reply(token, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        bot.command("/failed", "Bot.setProperty('why', options.description, 'string')");

        call(bot, "Api.sendMessage({chat_id: 1, text: 'hi', on_error: '/failed'})");

        await().atMost(PATIENCE).until(() -> property(bot, "why") != null);
        assertThat(property(bot, "why").asString()).isEqualTo("Bad Request: chat not found");
        assertThat(telegram.requests(token).get(0).body().get("chat_id").asLong()).isEqualTo(1);
    }

    @Test
    void keyboardsInlineKeyboardsOtherChatsAndEditsReachTheApiInOrder() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();

        call(bot, """
                Bot.sendKeyboard("Orders, About\\nHelp", "Pick one");
                Bot.sendInlineKeyboard([{title: "Go", command: "/go"}, {title: "Site", url: "https://example.com"}], "Choose");
                Bot.sendMessageToChatWithId(777, "to another chat");
                Bot.editMessage("edited", 5);
                Bot.inspect({a: 1});
                """);

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 5);
        List<FakeTelegram.Request> sent = telegram.delivered(token);
        JsonNode keyboard = sent.stream().filter(r -> "Pick one".equals(r.body().path("text").asString(""))).findFirst()
                .orElseThrow().body();
        assertThat(keyboard.get("reply_markup").get("keyboard").toString()).isEqualTo("[[\"Orders\",\"About\"],[\"Help\"]]");
        JsonNode inline = sent.stream().filter(r -> "Choose".equals(r.body().path("text").asString(""))).findFirst()
                .orElseThrow().body();
        assertThat(inline.get("reply_markup").get("inline_keyboard")).isEqualTo(Bots.json(
                "[[{\"text\":\"Go\",\"callback_data\":\"/go\"},{\"text\":\"Site\",\"url\":\"https://example.com\"}]]"));
        JsonNode other = sent.stream().filter(r -> "to another chat".equals(r.body().path("text").asString(""))).findFirst()
                .orElseThrow().body();
        assertThat(other.get("chat_id").asString()).isEqualTo("777");
        FakeTelegram.Request edit = sent.stream().filter(r -> r.method().equals("editMessageText")).findFirst().orElseThrow();
        assertThat(edit.body().get("message_id").asString()).isEqualTo("5");
        assertThat(edit.body().get("text").asString()).isEqualTo("edited");
        assertThat(edit.body().get("chat_id").asLong()).isEqualTo(CHAT);
        // This chat's calls arrive in the order the script made them.
        assertThat(sent.stream().filter(r -> r.body().path("chat_id").asLong() == CHAT).map(FakeTelegram.Request::method))
                .containsExactly("sendMessage", "sendMessage", "editMessageText", "sendMessage");
        assertThat(sent.get(sent.size() - 1).body().get("text").asString()).contains("a");
    }

    @Test
    void messagesAreMarkdownUnlessToldOtherwiseAndApiCallsAreSentAsWritten() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();

        call(bot, """
                Bot.sendMessage("*bold*");
                Bot.sendMessage("Literal *characters*", { parse_mode: null });
                Bot.sendMessage("<b>html</b>", { parse_mode: "HTML" });
                Bot.sendKeyboard("A, B", "keys");
                Bot.inspect("plain");
                Api.sendMessage({ text: "raw" });
                """);

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 6);
        Map<String, String> parseModes = new java.util.HashMap<>();
        telegram.delivered(token).forEach(r -> parseModes.put(r.body().get("text").asString(),
                r.body().path("parse_mode").asString("none")));
        assertThat(parseModes).containsExactlyInAnyOrderEntriesOf(Map.of("*bold*", "Markdown",
                "Literal *characters*", "none", "<b>html</b>", "HTML", "keys", "Markdown", "\"plain\"", "none",
                "raw", "none"));
    }

    @Test
    void theInlineKeyboardAndEditFunctionsBbDocumentsAndSendMessagesObjectForm() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();
        bot.command("/sent", "Bot.setProperty('sent_id', options.result.message_id, 'integer')");

        call(bot, """
                Bot.sendInlineKeyboard([{title: "Go", command: "/go"}], "Choose", { parse_mode: "HTML" });
                Bot.sendInlineKeyboardToChatWithId(777, [[{title: "A", command: "/a"}], [{title: "B", command: "/b"}]], "Rows");
                Bot.editMessageInChat(777, "edited there", 9);
                Bot.editInlineKeyboard([{title: "New", command: "/new"}], 5);
                Bot.sendMessage({ text: "to the admin", chat_id: 888 });
                Bot.sendMessage("tracked", { on_result: "/sent" });
                Api.call("sendMessage", { text: "by name" });
                """);

        await().atMost(PATIENCE).until(() -> telegram.delivered(token).size() == 7);
        List<FakeTelegram.Request> sent = telegram.delivered(token);
        JsonNode choose = byText(sent, "Choose");
        assertThat(choose.get("parse_mode").asString()).isEqualTo("HTML");
        assertThat(choose.get("chat_id").asLong()).isEqualTo(CHAT);
        JsonNode rows = byText(sent, "Rows");
        assertThat(rows.get("chat_id").asString()).isEqualTo("777");
        assertThat(rows.get("reply_markup").get("inline_keyboard").size()).isEqualTo(2);
        JsonNode editedThere = byText(sent, "edited there");
        assertThat(editedThere.get("chat_id").asString()).isEqualTo("777");
        assertThat(editedThere.get("message_id").asString()).isEqualTo("9");
        FakeTelegram.Request markup = sent.stream().filter(r -> r.method().equals("editMessageReplyMarkup")).findFirst()
                .orElseThrow();
        assertThat(markup.body().get("chat_id").asLong()).isEqualTo(CHAT);
        assertThat(markup.body().get("reply_markup").get("inline_keyboard").get(0).get(0).get("callback_data").asString())
                .isEqualTo("/new");
        assertThat(byText(sent, "to the admin").get("chat_id").asString()).isEqualTo("888");
        assertThat(byText(sent, "tracked").has("on_result")).isFalse();
        assertThat(byText(sent, "by name").get("chat_id").asLong()).isEqualTo(CHAT);
        await().atMost(PATIENCE).until(() -> property(bot, "sent_id") != null);
    }

    @Test
    void aSentCallsAnswerIsSavedInThePropertyItNames() {
        Bots.TestBot bot = chatBot();
        String token = bot.chatToken();

        // BB's pattern: keep the message's id, edit the message later.
        call(bot, "Bot.sendMessage('Hello', { result_to_bot_property: 'MSG-for-edit' + chat.chatid });"
                + " Api.getMe({ result_to_user_property: 'me' })");
        await().atMost(PATIENCE).until(() -> property(bot, "MSG-for-edit" + CHAT) != null);
        long messageId = property(bot, "MSG-for-edit" + CHAT).asLong();
        assertThat(telegram.delivered(token)).allSatisfy(request -> assertThat(request.body().has("bb_result_to")).isFalse());
        await().atMost(PATIENCE).until(() -> bot.getJson("/properties?user_id=42").toString().contains("\"me\""));
        assertThat(bot.getJson("/properties?user_id=42").toString()).contains("\"type\":\"json\"");

        call(bot, "Bot.editMessage('Hello again', Bot.getProperty('MSG-for-edit' + chat.chatid))");
        await().atMost(PATIENCE).until(() -> telegram.delivered(token).stream().anyMatch(r -> r.method().equals("editMessageText")));
        FakeTelegram.Request edit = telegram.delivered(token).stream().filter(r -> r.method().equals("editMessageText"))
                .findFirst().orElseThrow();
        assertThat(edit.body().get("message_id").asLong()).isEqualTo(messageId);

        bot.command("/bad", "Bot.sendMessage('x', { result_to_bot_property: 5 })");
        http.get().uri(bot.localUrl(Map.of("command", "/bad", "user_id", 42))).exchange().expectStatus().isEqualTo(503);
    }

    private static JsonNode byText(List<FakeTelegram.Request> sent, String text) {
        return sent.stream().filter(r -> text.equals(r.body().path("text").asString(""))).findFirst().orElseThrow().body();
    }

    @Test
    void badApiCallsAreScriptErrorsAndSendNothing() {
        Bots.TestBot bot = chatBot();
        bot.command("/bad", "Api.sendMessage(5)");
        JsonNode answer = Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/bad", "user_id", 42))).exchange()
                .expectStatus().isEqualTo(503).expectBody(String.class).returnResult().getResponseBody());
        assertThat(answer.get("error").asString())
                .isEqualTo("TypeError: Api.sendMessage expects an object of the method's parameters, not 5");

        bot.command("/bad2", "Api.sendMessage({text: 'x', on_result: 5})");
        http.get().uri(bot.localUrl(Map.of("command", "/bad2", "user_id", 42))).exchange().expectStatus().isEqualTo(503);
        bot.command("/bad3", "Bot.sendInlineKeyboard([{title: 'no target'}], 'x')");
        http.get().uri(bot.localUrl(Map.of("command", "/bad3", "user_id", 42))).exchange().expectStatus().isEqualTo(503);
        assertThat(bot.getJson("/messages?user_id=42").get("messages")).isEmpty();
    }

    @Test
    void apiCallsCountAgainstTheMessageLimit() {
        Bots.TestBot bot = chatBot();
        bot.command("/many", "for (var i = 0; i < 101; i++) Api.sendChatAction({action: 'typing'})");
        JsonNode answer = Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/many", "user_id", 42))).exchange()
                .expectStatus().isEqualTo(503).expectBody(String.class).returnResult().getResponseBody());
        assertThat(answer.get("error").asString()).isEqualTo("message limit exceeded: at most 100 messages per run");
    }

    private Bots.TestBot chatBot() {
        return bots.create("bb-api").user(42, Map.of("telegramid", CHAT));
    }

    private void call(Bots.TestBot bot, String code) {
        bot.command("/run", code);
        http.get().uri(bot.localUrl(Map.of("command", "/run", "user_id", 42))).exchange().expectStatus().isOk();
    }

    private static JsonNode property(Bots.TestBot bot, String name) {
        for (JsonNode property : bot.getJson("/properties").get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property.get("value");
            }
        }
        return null;
    }
}

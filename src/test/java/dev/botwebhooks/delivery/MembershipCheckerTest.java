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
 * Libs.MembershipChecker from BB's "Check channel membership" page: set up through its Admin Panel, a check asks a
 * Telegram-compatible server on 127.0.0.1 (getChatMember) about each chat, and the answers run the bot's callbacks.
 */
class MembershipCheckerTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String MEMBER = "{\"ok\":true,\"result\":{\"status\":\"member\",\"user\":{\"id\":4242}}}";
    private static final String LEFT = "{\"ok\":true,\"result\":{\"status\":\"left\",\"user\":{\"id\":4242}}}";

    private final FakeTelegram telegram = FakeTelegram.instance();

    private JsonNode call(Bots.TestBot bot, String command) {
        return Bots.json(http.get().uri(bot.localUrl(Map.of("command", command, "user_id", 42))).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static String property(Bots.TestBot bot, String name) {
        for (JsonNode property : bot.getJson("/properties").get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property.get("value").asString();
            }
        }
        return "";
    }

    /** The chats a callback recorded, in any order: the chats' answers arrive in no set order. */
    private static List<String> recorded(Bots.TestBot bot, String name) {
        return java.util.Arrays.stream(property(bot, name).split(";")).filter(chat -> !chat.isEmpty()).sorted().toList();
    }

    @Test
    void aCheckAsksTelegramAboutEachChatAndTheAnswersRunTheCallbacks() {
        Bots.TestBot bot = bots.create("membership").user(42, Map.of("telegramid", 4242));
        String token = bot.chatToken();
        bot.command("/setup", "Libs.MembershipChecker.setup()");
        bot.command("/check", "Libs.MembershipChecker.check()");
        String record = "Bot.setProperty('%s', Bot.getProperty('%s', '') + options.chat_id + ';', 'string')";
        bot.command("/join-required", record.formatted("need", "need"));
        bot.command("/need-all", record.formatted("needAll", "needAll"));
        bot.command("/membership-updated", record.formatted("joined", "joined"));
        bot.command("/all-joined", record.formatted("all", "all"));
        bot.command("/still", record.formatted("still", "still"));
        bot.command("/state", "var m = Libs.MembershipChecker; Bot.sendMessage(m.isMember() + '|' + m.isMember('@one') + '|'"
                + " + m.getChats() + '|' + m.getNotJoinedChats())");

        call(bot, "/setup");
        bot.send("PATCH", "/admin-panels/MembershipChecker", Map.of("values", Map.of("chats", "@one, @two",
                "onNeedJoining", "/join-required", "onNeedAllJoining", "/need-all", "onJoining", "/membership-updated",
                "onAllJoining", "/all-joined", "onStillJoined", "/still"))).expectStatus().isOk();

        telegram.reply(token, 200, LEFT);
        telegram.reply(token, 200, LEFT);
        call(bot, "/check");
        await().atMost(PATIENCE).until(() -> recorded(bot, "need").size() == 2 && recorded(bot, "needAll").size() == 1);
        assertThat(recorded(bot, "need")).containsExactly("@one", "@two");
        List<FakeTelegram.Request> asked = telegram.requests(token).stream()
                .filter(request -> request.method().equals("getChatMember")).toList();
        assertThat(asked).extracting(request -> request.body().get("chat_id").asString())
                .containsExactlyInAnyOrder("@one", "@two");
        assertThat(asked.get(0).body().get("user_id").asLong()).isEqualTo(4242);
        assertThat(call(bot, "/state").get("answer").asString()).isEqualTo("false|false|@one, @two|@one, @two");
        assertThat(recorded(bot, "joined")).isEmpty();

        // Checks are throttled to one in two seconds per user; the next finds both joined, the one after still joined.
        await().pollDelay(Duration.ofMillis(2100)).atMost(PATIENCE).until(() -> true);
        telegram.reply(token, 200, MEMBER);
        telegram.reply(token, 200, MEMBER);
        call(bot, "/check");
        await().atMost(PATIENCE).until(() -> recorded(bot, "joined").size() == 2 && recorded(bot, "all").size() == 1);
        assertThat(call(bot, "/state").get("answer").asString()).isEqualTo("true|true|@one, @two|");

        await().pollDelay(Duration.ofMillis(2100)).atMost(PATIENCE).until(() -> true);
        telegram.reply(token, 200, MEMBER);
        telegram.reply(token, 200, MEMBER);
        call(bot, "/check");
        await().atMost(PATIENCE).until(() -> recorded(bot, "still").size() == 2);
        assertThat(recorded(bot, "all")).hasSize(1);
    }
}

package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Bot.blockChat(chat_id)} and {@code Bot.unblockChat(chat_id)} as BB's Bot functions document them: a blocked
 * chat's user runs no command until it is unblocked. The change feed is on (as ChangeFeedTest has it), so that every
 * cached copy of the user hears of the block.
 */
@TestPropertySource(properties = {"webhooks.cache.bot-ttl=1m", "webhooks.cache.data-ttl=1m", "webhooks.cache.listen=true"})
class BlockChatTest extends EndToEndTest {

    private int status(Bots.TestBot bot, long userId, String command) {
        return http.get().uri(bot.localUrl(Map.of("command", command, "user_id", userId))).exchange()
                .returnResult(String.class).getStatus().value();
    }

    @Test
    void aBlockedChatsUserRunsNothingUntilItIsUnblocked() {
        Bots.TestBot bot = bots.create("ban").user(1, Map.of("telegramid", 111)).user(2, Map.of("telegramid", 222));
        bot.command("/hi", "Bot.sendMessage('hi ' + user.telegramid)");
        // A BB admin command: the Telegram id typed as the params.
        bot.command("/ban", "Bot.blockChat(params); Bot.sendMessage('banned ' + params)");
        bot.command("/unban", "Bot.unblockChat(Number(params)); Bot.sendMessage('unbanned')");
        bot.command("/leave", "Bot.blockChat(chat.id); Bot.sendMessage('bye')");

        assertThat(status(bot, 2, "/hi")).isEqualTo(200);
        assertThat(status(bot, 1, "/ban 222")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> status(bot, 2, "/hi") == 404);
        String refused = http.get().uri(bot.localUrl(Map.of("command", "/hi", "user_id", 2))).exchange()
                .expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("chat 222 of user 2 is blocked");
        assertThat(status(bot, 1, "/hi")).isEqualTo(200);
        assertThat(bot.getJson("/properties").toString()).contains("BB_blockedChat_222");

        assertThat(status(bot, 1, "/unban 222")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(bot, 2, "/hi") == 200);

        // Without an id, the current chat; a run that fails blocks nothing.
        bot.command("/fail", "Bot.blockChat(); throw new Error('no')");
        assertThat(status(bot, 2, "/fail")).isEqualTo(503);
        assertThat(status(bot, 2, "/hi")).isEqualTo(200);
        assertThat(status(bot, 2, "/leave")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(bot, 2, "/hi") == 404);
    }
}

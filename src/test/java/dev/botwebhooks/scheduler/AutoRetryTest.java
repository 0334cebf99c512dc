package dev.botwebhooks.scheduler;

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
 * BB's Auto Retry ("Command can be run periodically"): a command saved with auto_retry_time runs on its own, without a
 * user, every that many seconds, until the setting is removed. The shortest period is lowered for the test.
 */
@TestPropertySource(properties = {"webhooks.auto-retry.min-interval=1s", "webhooks.auto-retry.poll-interval=200ms"})
class AutoRetryTest extends EndToEndTest {

    private static final String TICK = "Bot.setProperty('ticks', Bot.getProperty('ticks', 0) + 1, 'integer');"
            + " Bot.setProperty('had_user', typeof user === 'object' && user !== null, 'boolean')";

    private static long ticks(Bots.TestBot bot) {
        for (JsonNode property : bot.getJson("/properties").get("properties")) {
            if (property.get("name").asString().equals("ticks")) {
                return property.get("value").asLong();
            }
        }
        return 0;
    }

    private static void save(Bots.TestBot bot, String autoRetryTime) {
        bot.send("POST", "/commands", Map.of("name", "/tick", "code", "/*CMD\n  command: /tick\n  auto_retry_time: "
                + autoRetryTime + "\nCMD*/\n" + TICK)).expectStatus().isOk();
    }

    @Test
    void aCommandWithAutoRetryTimeRunsOnItsOwnUntilTheSettingIsRemoved() {
        Bots.TestBot bot = bots.create("auto-retry");
        save(bot, "1");
        await().atMost(Duration.ofSeconds(20)).until(() -> ticks(bot) >= 2);
        assertThat(bot.getJson("/properties").toString()).contains("\"name\":\"had_user\",\"type\":\"boolean\",\"value\":false");
        assertThat(bot.getJson("/scheduled-runs").toString()).contains("BB_autoRetry");

        save(bot, "");
        // A job already due may still run once; after that, nothing.
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        long stopped = ticks(bot);
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(ticks(bot)).isEqualTo(stopped);
    }

    @Test
    void aPeriodLongerThanTheTestRunsNothingYet() {
        Bots.TestBot bot = bots.create("auto-retry-later");
        save(bot, "3600");
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(ticks(bot)).isZero();
    }
}

package dev.botwebhooks.webhook;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * webhook.bot.requests{bot, outcome}: counted and timed for the first N bots, none past them. The limit is
 * the one of DashboardMetricsTest and KubernetesAlertsTest, so that the three share an application context;
 * they admit at most two bots before this test, which makes one more than the limit so that some cross it.
 */
@TestPropertySource(properties = "webhooks.metrics.per-bot-max-bots=4")
class PerBotMetricsTest extends EndToEndTest {

    static final int MAX_BOTS = 4;

    @Test
    void theFirstBotsAreTimedByOutcomeAndLaterOnesAreNot() {
        Bots.TestBot[] seen = new Bots.TestBot[MAX_BOTS + 1];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = bots.create("per-bot-" + i).command("/ok", "Bot.sendMessage('ok')").command("/fail", "throw new Error('x')");
        }
        // Other tests of this context may have been seen first: count from the bots still admitted.
        int admittedBefore = meters.find(BotRequestCounter.METER).timers().stream()
                .map(t -> t.getId().getTag("bot")).distinct().toList().size();
        for (Bots.TestBot bot : seen) {
            http.get().uri(bot.localUrl(Map.of("command", "/ok"))).exchange().expectStatus().isOk();
            http.get().uri(bot.localUrl(Map.of("command", "/ok"))).exchange().expectStatus().isOk();
            http.get().uri(bot.localUrl(Map.of("command", "/fail"))).exchange().expectStatus().isEqualTo(503);
        }

        int admitted = MAX_BOTS - admittedBefore;
        for (int i = 0; i < seen.length; i++) {
            Timer ok = timer(seen[i], "ok");
            Timer failed = timer(seen[i], "failed");
            if (i < admitted) {
                assertThat(ok.count()).as("bot %d ok", i).isEqualTo(2);
                assertThat(failed.count()).as("bot %d failed", i).isEqualTo(1);
                assertThat(ok.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
            } else {
                assertThat(ok).as("bot %d is past the limit", i).isNull();
                assertThat(failed).as("bot %d is past the limit", i).isNull();
            }
        }
        assertThat(meters.find(BotRequestCounter.METER).timers().stream().map(t -> t.getId().getTag("bot")).distinct())
                .hasSize(MAX_BOTS);
    }

    private Timer timer(Bots.TestBot bot, String outcome) {
        return meters.find(BotRequestCounter.METER).tag("bot", Long.toString(bot.id())).tag("outcome", outcome).timer();
    }
}

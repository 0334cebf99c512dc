package dev.botwebhooks.webhook;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook is timed once, by webhook.requests; the framework's http.server.requests still times the admin API.
 */
class WebhookObservationsTest extends EndToEndTest {

    @Test
    void webhooksAreTimedByWebhookRequestsAloneAndTheAdminApiByTheFramework() {
        Bots.TestBot bot = bots.create("observed-once").command("/ok", "Bot.sendMessage('ok')");
        double webhooksBefore = count("webhook.requests", null);
        double adminBefore = count("http.server.requests", "/api/v1/bots/{botId}");

        http.get().uri(bot.localUrl(Map.of("command", "/ok"))).exchange().expectStatus().isOk();
        bot.getJson("");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(count("webhook.requests", null)).isEqualTo(webhooksBefore + 1);
            assertThat(count("http.server.requests", "/api/v1/bots/{botId}")).isEqualTo(adminBefore + 1);
        });
        assertThat(meters.find("http.server.requests").timers())
                .as("no http.server.requests for the webhook route")
                .noneMatch(timer -> String.valueOf(timer.getId().getTag("uri")).startsWith("/v1/bots/"));
    }

    private double count(String name, String uri) {
        return meters.find(name).timers().stream()
                .filter(timer -> uri == null || uri.equals(timer.getId().getTag("uri")))
                .mapToDouble(Timer::count).sum();
    }
}

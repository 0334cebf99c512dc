package dev.botwebhooks.webhook;

import dev.botwebhooks.metrics.MetricsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.stereotype.Component;

/**
 * Opt-in per-bot request counts ({@code webhook.bot.requests{bot}}). A bot id is an unbounded tag,
 * so it is off by default and, when on, a meter filter admits only the first N bot ids seen;
 * later ones are dropped rather than growing the registry.
 */
@Component
public class BotRequestCounter {

    static final String METER = "webhook.bot.requests";

    private final Meter.MeterProvider<Counter> requests;
    private final int maxBots;

    BotRequestCounter(MeterRegistry registry, MetricsProperties properties) {
        this.requests = Counter.builder(METER).description("Webhook requests per bot (first N bots only)")
                .withRegistry(registry);
        this.maxBots = properties.perBotMaxBots();
        if (maxBots > 0) {
            registry.config().meterFilter(MeterFilter.maximumAllowableTags(METER, "bot", maxBots, MeterFilter.deny()));
        }
    }

    void count(String botId) {
        if (maxBots > 0 && botId != null && botId.chars().allMatch(Character::isDigit)) {
            requests.withTag("bot", botId).increment();
        }
    }
}

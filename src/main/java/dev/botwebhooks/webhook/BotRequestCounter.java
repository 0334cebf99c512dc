package dev.botwebhooks.webhook;

import dev.botwebhooks.metrics.MetricsProperties;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Opt-in per-bot requests ({@code webhook.bot.requests{bot, outcome}}, a timer without histogram: count,
 * total and max time), for the dashboard's per-bot drill-down. A bot id is an unbounded tag, so it is
 * off by default and, when on, a meter filter admits only the first N bot ids seen; later ones are
 * dropped rather than growing the registry.
 */
@Component
public class BotRequestCounter {

    static final String METER = "webhook.bot.requests";

    private final Meter.MeterProvider<Timer> requests;
    private final int maxBots;

    BotRequestCounter(MeterRegistry registry, MetricsProperties properties) {
        this.requests = Timer.builder(METER).description("Webhook requests per bot and outcome (first N bots only)")
                .withRegistry(registry);
        this.maxBots = properties.perBotMaxBots();
        if (maxBots > 0) {
            registry.config().meterFilter(MeterFilter.maximumAllowableTags(METER, "bot", maxBots, MeterFilter.deny()));
        }
    }

    /** One answered request of a bot: its outcome (ok, redirect, rejected, failed) and how long it took. */
    void record(String botId, String outcome, long nanos) {
        if (maxBots > 0 && botId != null && !botId.isEmpty() && botId.chars().allMatch(Character::isDigit)) {
            requests.withTags("bot", botId, "outcome", outcome).record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}

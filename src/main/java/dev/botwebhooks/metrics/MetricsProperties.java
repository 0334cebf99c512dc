package dev.botwebhooks.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;


/**
 * @param perBotMaxBots per-bot request meters (count, total and max time by outcome) for at most this many bots; 0 (the default) turns them off,
 *                      because a bot id is an unbounded metric tag
 */
@ConfigurationProperties("webhooks.metrics")
public record MetricsProperties(@DefaultValue("0") int perBotMaxBots) {
}

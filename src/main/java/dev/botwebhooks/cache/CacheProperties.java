package dev.botwebhooks.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param botTtl     how long a bot's secret and settings are cached; a rotation elsewhere takes effect after it
 * @param maxBots    bots kept in that cache
 * @param dataTtl    how long commands and users are cached for the webhook path; a change made on another
 *                   replica takes effect after it
 * @param maxEntries commands and users kept in those caches (each)
 * @param listen     whether to listen for changes made anywhere (PostgreSQL LISTEN/NOTIFY) and forget
 *                   them at once; without it, and while that connection is down, the TTLs above apply
 * @param listenPing how often the listening connection is checked; a dead one is replaced after about this
 */
@ConfigurationProperties("webhooks.cache")
public record CacheProperties(
        @DefaultValue("10s") Duration botTtl,
        @DefaultValue("10000") long maxBots,
        @DefaultValue("2s") Duration dataTtl,
        @DefaultValue("100000") long maxEntries,
        @DefaultValue("true") boolean listen,
        @DefaultValue("5s") Duration listenPing) {
}

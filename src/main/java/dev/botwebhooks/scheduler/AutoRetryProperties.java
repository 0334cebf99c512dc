package dev.botwebhooks.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * BB's Auto Retry: commands whose {@code auto_retry_time} setting makes them run on their own, periodically.
 *
 * @param enabled      whether this replica turns due auto retries into jobs (replicas share them either way)
 * @param pollInterval how often due auto retries are looked for
 * @param minInterval  the shortest period a command may run at, whatever its setting says: each run is a run of the
 *                     bot's share of the workers
 * @param batchSize    auto retries turned into jobs per poll
 */
@ConfigurationProperties("webhooks.auto-retry")
public record AutoRetryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration minInterval,
        @DefaultValue("100") int batchSize) {
}

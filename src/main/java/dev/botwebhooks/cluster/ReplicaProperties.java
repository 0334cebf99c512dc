package dev.botwebhooks.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param group     replicas beating under the same group share the limits (one deployment); another
 *                  deployment on the same database takes another group
 * @param heartbeat how often this replica beats and counts the others
 * @param timeout   a replica not heard from for this long is no longer counted (crashed, partitioned)
 */
@ConfigurationProperties("webhooks.replicas")
public record ReplicaProperties(
        @DefaultValue("bot-webhooks") String group,
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("5s") Duration timeout) {
}

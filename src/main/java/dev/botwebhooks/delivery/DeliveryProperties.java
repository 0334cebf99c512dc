package dev.botwebhooks.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The outbox delivery worker.
 *
 * @param enabled        whether this replica sends messages
 * @param pollInterval   how often it looks for messages (a run on this replica wakes it at once)
 * @param batchSize      messages (each of a different chat) claimed per poll
 * @param lease          how long a claim lasts; a replica that dies mid-send loses it after this
 * @param initialBackoff wait after the first failed send; doubles per failure
 * @param maxBackoff     longest wait between sends
 * @param maxAttempts    failed sends (429s not counted) before a message is marked failed
 */
@ConfigurationProperties("webhooks.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("10") int maxAttempts) {
}

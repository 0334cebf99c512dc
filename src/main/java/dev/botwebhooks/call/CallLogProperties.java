package dev.botwebhooks.call;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The call log's retention.
 *
 * @param retention       how long call records (with request and answer bodies) are kept
 * @param cleanupInterval how often older ones are deleted
 * @param cleanupBatch    rows deleted per statement, so a sweep never holds long locks
 */
@ConfigurationProperties("webhooks.calls")
public record CallLogProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("1000") int cleanupBatch) {
}

package dev.botwebhooks.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Idempotent redelivery (bots with an {@code idempotency} setting).
 *
 * @param retention       how long a stored answer is replayed to a redelivery; Stripe retries for 3 days
 * @param lease           how long a claim lasts unless its owner renews it (every third of it, while the run goes
 *                        on); a duplicate takes over a claim whose owner stopped renewing (crashed, cut off)
 * @param maxWait         how long a duplicate waits for the first delivery's answer before 409 with Retry-After
 * @param poll            how often a waiting duplicate looks for that answer
 * @param cleanupInterval how often expired answers are deleted
 * @param cleanupBatch    rows deleted per statement, so a cleanup never holds long locks
 */
@ConfigurationProperties("webhooks.idempotency")
public record IdempotencyProperties(
        @DefaultValue("3d") Duration retention,
        @DefaultValue("5s") Duration lease,
        @DefaultValue("10s") Duration maxWait,
        @DefaultValue("50ms") Duration poll,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("1000") int cleanupBatch) {
}

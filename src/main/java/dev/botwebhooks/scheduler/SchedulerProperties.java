package dev.botwebhooks.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The worker that executes due {@code Bot.run} jobs.
 *
 * @param enabled        whether this replica executes jobs
 * @param pollInterval   how often it looks for due jobs
 * @param batchSize      jobs claimed per poll (they run concurrently on the script workers)
 * @param lease          how long a claim lasts; longer than a run may take (script wall time plus commit)
 * @param initialBackoff wait after a job failed for a reason outside its script; doubles per failure
 * @param maxBackoff     longest such wait
 * @param maxAttempts    tries before such a job is marked failed
 * @param retention       how long a job that ran, failed or was cancelled stays listed
 * @param cleanupInterval how often older ones are deleted
 * @param cleanupBatch    rows deleted per statement, so a sweep never holds long locks
 */
@ConfigurationProperties("webhooks.scheduled-runs")
public record SchedulerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("16") int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("1000") int cleanupBatch) {
}

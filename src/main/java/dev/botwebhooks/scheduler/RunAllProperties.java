package dev.botwebhooks.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The worker that hands out {@code Bot.runAll} tasks as jobs.
 *
 * @param enabled      whether this replica hands out tasks
 * @param pollInterval how often it looks for a task with work
 * @param batchSize    users handed out per task and turn (one statement); a task gets its next batch only when fewer
 *                     than this many of its jobs wait, so it holds at most about twice as many in the job queue
 */
@ConfigurationProperties("webhooks.run-all")
public record RunAllProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("500") int batchSize) {

    public RunAllProperties {
        if (batchSize < 1 || batchSize > 5_000) {
            throw new IllegalArgumentException("webhooks.run-all.batch-size must be from 1 to 5000, not " + batchSize);
        }
    }
}

package dev.botwebhooks.scheduler;

import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.scheduling.RetentionSweep;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Deletes jobs that ran, failed or were cancelled more than {@code webhooks.scheduled-runs.retention} ago, so the
 * job table does not grow for ever (a {@code Bot.runAll} broadcast leaves a row per user); pending jobs stay.
 */
@Component
class ScheduledRunRetention extends RetentionSweep {

    private final JobRepository jobs;
    private final Clock clock;
    private final SchedulerProperties config;

    ScheduledRunRetention(JobRepository jobs, Clock clock, SchedulerProperties config) {
        super("scheduled run retention sweep", config.cleanupInterval(), config.cleanupBatch());
        this.jobs = jobs;
        this.clock = clock;
        this.config = config;
    }

    @Override
    protected Mono<Long> deleteBatch(int limit) {
        return jobs.deleteFinishedBefore(clock.instant().minus(config.retention()), limit);
    }
}

package dev.botwebhooks.scheduler;



import dev.botwebhooks.job.ClaimedJob;
import dev.botwebhooks.scheduling.Backoff;
import dev.botwebhooks.scheduling.PollingWorker;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.bot.BotDirectory;
import dev.botwebhooks.run.CallContext;
import dev.botwebhooks.run.CommandRunner;
import dev.botwebhooks.run.RunCommitted;
import dev.botwebhooks.run.CommitHook;
import dev.botwebhooks.run.RunResult;
import dev.botwebhooks.run.RunRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Executes due {@code Bot.run} jobs through {@link CommandRunner#runJob}: the job is marked done in the
 * run's own transaction, so its effects commit exactly once however many replicas poll. A script error
 * is final (it is in the call log); anything else (workers full, database down) is retried with backoff.
 */
@Component
class JobWorker extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    private static final List<String> OUTCOMES =
            List.of("done", "script_error", "refused", "retry", "postponed", "failed", "lease_lost");
    /** How long a job waits when the workers were full (plus up to as much again, so retries spread). */
    private static final Duration POSTPONE = Duration.ofMillis(200);

    private final JobRepository jobs;
    private final CommandRunner runner;
    private final BotDirectory bots;
    private final Clock clock;
    private final SchedulerProperties settings;
    private final Backoff backoff;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Timer lag;

    JobWorker(JobRepository jobs, CommandRunner runner, BotDirectory bots, Clock clock,
            SchedulerProperties settings, MeterRegistry registry) {
        super("scheduled runs", settings.pollInterval(), settings.enabled());
        this.jobs = jobs;
        this.runner = runner;
        this.bots = bots;
        this.clock = clock;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        for (String outcome : OUTCOMES) {
            outcomes.put(outcome, Counter.builder("scheduled.runs").description("Bot.run jobs handled, by outcome")
                    .tag("outcome", outcome).register(registry));
        }
        this.lag = Timer.builder("scheduled.run.lag").description("How late Bot.run jobs start after they are due")
                .publishPercentileHistogram().register(registry);
    }

    @EventListener
    void onCommit(RunCommitted committed) {
        if (committed.jobs() > 0) {
            wake();
        }
    }

    @Override
    protected Mono<Integer> pollOnce() {
        return jobs.claim(settings.batchSize(), settings.lease())
                .flatMap(this::execute, settings.batchSize())
                .count().map(Long::intValue);
    }

    private Mono<Void> execute(ClaimedJob job) {
        lag.record(job.lag());
        CommitHook markDone = result -> jobs.complete(job, result.callId(), failure(result));
        return bots.find(job.botId())
                // A deleted bot's jobs are deleted with it.
                .flatMap(bot -> bot.isEmpty() ? Mono.<Void>empty() : runner.runJob(
                                new RunRequest(bot.get(), job.command(), job.userId(), job.content(), job.options(), null,
                                        CallContext.botRun(clock.instant(), job.runAllTaskId())), markDone)
                        .flatMap(result -> settle(job, result)))
                .onErrorResume(error -> retryLater(job, "the job could not be run (" + error.getClass().getSimpleName() + ")"));
    }

    private Mono<Void> settle(ClaimedJob job, RunResult result) {
        if (result instanceof RunResult.Succeeded) {
            count("done");
        } else if (result instanceof RunResult.Refused) {
            count("refused");
        } else if (result instanceof RunResult.ScriptFailed) {
            count("script_error");
        } else if (result instanceof RunResult.Overloaded) {
            return postpone(job);
        } else if (result instanceof RunResult.Unavailable unavailable) {
            if (unavailable.cause() instanceof JobRepository.LeaseLost) {
                count("lease_lost");
                return Mono.empty();
            }
            return retryLater(job, unavailable.reason());
        }
        return Mono.empty();
    }

    /** What the job's row keeps of a run that did not succeed: the error's kind and first line. */
    private static String failure(RunResult.Logged result) {
        if (result instanceof RunResult.ScriptFailed failed) {
            return failed.failure().kind().name() + ": " + failed.failure().detail();
        }
        return result instanceof RunResult.Refused refused ? "REFUSED: " + refused.reason() : null;
    }

    private void count(String outcome) {
        outcomes.get(outcome).increment();
    }

    /** Load shedding is not a failure: the job waits its turn without spending an attempt. */
    private Mono<Void> postpone(ClaimedJob job) {
        count("postponed");
        Duration delay = POSTPONE.plusMillis(ThreadLocalRandom.current().nextLong(POSTPONE.toMillis()));
        return jobs.postpone(job, delay).onErrorResume(e -> Mono.empty());
    }

    private Mono<Void> retryLater(ClaimedJob job, String reason) {
        if (job.attempts() >= settings.maxAttempts()) {
            log.warn("Bot.run job {} of bot {} failed {} times, giving up: {}", job.id(), job.botId(), job.attempts(),
                    reason);
            count("failed");
            return jobs.giveUp(job, "gave up after " + job.attempts() + " attempts: " + reason)
                    .onErrorResume(e -> Mono.empty());
        }
        log.info("Bot.run job {} of bot {} will be retried: {}", job.id(), job.botId(), reason);
        count("retry");
        // When even this fails (database down), the lease runs out and the job is claimed again.
        return jobs.retryLater(job, backoff.after(job.attempts()), reason).onErrorResume(e -> Mono.empty());
    }
}

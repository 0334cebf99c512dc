package dev.botwebhooks.scheduler;

import dev.botwebhooks.run.RunCommitted;
import dev.botwebhooks.scheduling.PollingWorker;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * BB's Auto Retry: each command whose {@code auto_retry_time} is set (a row of {@code auto_retries}, kept by a trigger
 * on commands, migration V23) becomes a {@code Bot.run} job without a user every that many seconds (at least
 * {@code min-interval}), which the job worker runs like any other. One statement moves each due row's next time on and
 * inserts its job, with {@code SKIP LOCKED} so replicas share the rows; a command whose last job has not run yet gets
 * no second one, so a slow bot's auto retries do not pile up.
 */
@Component
class AutoRetryWorker extends PollingWorker {

    /** The label of an auto retry's job, so that {@code Bot.clearRunAfter({label})} and the API can tell them. */
    static final String LABEL = "BB_autoRetry";

    private final DatabaseClient db;
    private final ApplicationEventPublisher events;
    private final AutoRetryProperties settings;

    AutoRetryWorker(DatabaseClient db, ApplicationEventPublisher events, AutoRetryProperties settings) {
        super("auto retries", settings.pollInterval(), settings.enabled());
        this.db = db;
        this.events = events;
        this.settings = settings;
    }

    @Override
    protected Mono<Integer> pollOnce() {
        return db.sql("WITH due AS (SELECT bot_id, command FROM auto_retries WHERE next_run_at <= now() "
                        + "ORDER BY next_run_at LIMIT :batch FOR UPDATE SKIP LOCKED), "
                        + "moved AS (UPDATE auto_retries a SET next_run_at = now() + make_interval(secs => "
                        + "greatest(a.interval_seconds, :min)) FROM due WHERE a.bot_id = due.bot_id AND a.command = due.command "
                        + "RETURNING a.bot_id, a.command) "
                        + "INSERT INTO scheduled_runs (bot_id, command, user_id, options, label, run_at) "
                        + "SELECT m.bot_id, m.command, NULL, NULL, :label, clock_timestamp() FROM moved m "
                        + "WHERE NOT EXISTS (SELECT 1 FROM scheduled_runs s WHERE s.bot_id = m.bot_id AND s.command = m.command "
                        + "AND s.label = :label AND s.status = 'pending') RETURNING bot_id")
                .bind("batch", settings.batchSize()).bind("min", settings.minInterval().toSeconds()).bind("label", LABEL)
                .map(row -> row.get("bot_id", Long.class))
                .all()
                .doOnNext(botId -> events.publishEvent(new RunCommitted(botId, 0, 1, 0)))
                // The next poll waits for the interval: rows just moved are not due again before it.
                .then(Mono.just(0));
    }
}

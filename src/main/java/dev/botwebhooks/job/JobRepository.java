package dev.botwebhooks.job;

import dev.botwebhooks.sql.MultiRow;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code scheduled_runs} table. Times come from PostgreSQL's clock, so replicas with drifting
 * clocks agree on what is due.
 */
@Repository
public class JobRepository {

    private static final String VIEW_COLUMNS = "id, command, user_id, options, label, run_at, status, attempts, "
            + "created_by_call, call_id, error, created_at, finished_at";

    private final DatabaseClient db;
    private final JsonMapper json;

    private final List<MultiRow.Column<NewJob>> columns;

    JobRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.columns = List.of(
                MultiRow.Column.of("bigint", Long.class, NewJob::botId),
                MultiRow.Column.of("text", String.class, job -> job.job().commandLine()),
                MultiRow.Column.of("bigint", Long.class, job -> job.job().userId()),
                MultiRow.Column.of("jsonb", String.class, job -> job.job().options() == null ? null
                        : json.writeValueAsString(job.job().options())),
                MultiRow.Column.of("text", String.class, job -> job.job().label()),
                MultiRow.Column.of("float8", Double.class, job -> job.job().delay().toNanos() / 1e9),
                MultiRow.Column.of("bigint", Long.class, NewJob::callId));
    }

    /** Stores the jobs of a group commit's runs in one statement; inside its transaction. */
    public Mono<Void> insert(List<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return Mono.empty();
        }
        return MultiRow.execute(db, "INSERT INTO scheduled_runs (bot_id, command, user_id, options, label, run_at, "
                        + "created_by_call) SELECT v.bot, v.command, v.user_id, v.options, v.label, "
                        + "clock_timestamp() + make_interval(secs => v.delay), v.call FROM (",
                ") AS v(bot, command, user_id, options, label, delay, call)", jobs, columns);
    }

    /**
     * A job that runs {@code command} now with {@code content} and {@code options}, as the answer to something
     * the bot asked for earlier (an HTTP request); inside the caller's transaction.
     */
    public Mono<Void> insertCallback(long botId, Long callId, String command, Long userId, JsonNode options, String content) {
        return db.sql("INSERT INTO scheduled_runs (bot_id, command, user_id, options, content, run_at, created_by_call) "
                        + "VALUES (:bot, :command, :user, :options, :content, clock_timestamp(), :call)")
                .bind("bot", botId).bind("command", command)
                .bind("user", Parameter.fromOrEmpty(userId, Long.class))
                .bind("options", Json.of(json.writeValueAsString(options)))
                .bind("content", Parameter.fromOrEmpty(content, String.class))
                .bind("call", Parameter.fromOrEmpty(callId, Long.class))
                .then();
    }

    /** Deletes at most {@code batch} jobs that finished (ran, failed, cancelled) before {@code cutoff}. */
    public Mono<Long> deleteFinishedBefore(Instant cutoff, int batch) {
        return db.sql("DELETE FROM scheduled_runs WHERE id IN (SELECT id FROM scheduled_runs WHERE status <> 'pending' "
                        + "AND finished_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("cutoff", cutoff).bind("batch", batch)
                .fetch().rowsUpdated();
    }

    /**
     * Cancels the bot's pending jobs of each cancellation; inside the run's transaction. A broadcast's jobs
     * ({@code Bot.runAll}) are not {@code Bot.run}'s to clear, as on BB: they have no label, and a clear without one
     * leaves them.
     */
    public Mono<Void> cancel(long botId, List<JobCancellation> cancellations) {
        return Flux.fromIterable(cancellations).concatMap(cancellation -> db.sql(
                        "UPDATE scheduled_runs SET status = 'cancelled', finished_at = now(), claim = NULL, "
                                + "claimed_until = NULL WHERE bot_id = :bot AND status = 'pending'"
                                + (cancellation.label() == null ? " AND run_all_task_id IS NULL" : " AND label = :label"))
                .bind("bot", botId)
                .bindValues(cancellation.label() == null ? Map.of() : Map.of("label", cancellation.label()))
                .fetch().rowsUpdated()).then();
    }

    /** Claims up to {@code limit} due jobs for {@code lease}, oldest due first. */
    public Flux<ClaimedJob> claim(int limit, Duration lease) {
        UUID claim = UUID.randomUUID();
        return db.sql("UPDATE scheduled_runs SET claim = :claim, attempts = attempts + 1, "
                        + "claimed_until = clock_timestamp() + make_interval(secs => :lease) "
                        + "WHERE id IN (SELECT id FROM scheduled_runs WHERE status = 'pending' "
                        + "AND run_at <= clock_timestamp() AND (claimed_until IS NULL OR claimed_until < clock_timestamp()) "
                        + "ORDER BY run_at LIMIT :limit FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, bot_id, command, user_id, options, attempts, content, run_all_task_id, "
                        + "extract(epoch FROM clock_timestamp() - run_at)::float8 AS lag_seconds")
                .bind("claim", claim).bind("lease", lease.toMillis() / 1000.0).bind("limit", limit)
                .map(row -> new ClaimedJob(row.get("id", Long.class), row.get("bot_id", Long.class),
                        row.get("command", String.class), row.get("user_id", Long.class),
                        jsonOrNull(row.get("options", Json.class)), claim, row.get("attempts", Integer.class),
                        Duration.ofNanos((long) (Math.max(0, row.get("lag_seconds", Double.class)) * 1e9)),
                        row.get("content", String.class), row.get("run_all_task_id", Long.class)))
                .all();
    }

    /**
     * Marks a job done, or failed with {@code failure} (a script error) when that is not null; runs inside the job's run transaction, so when
     * the claim is no longer ours (the lease ran out and another replica took the job, or the job was
     * cancelled) it fails with {@link LeaseLost} and the whole run rolls back.
     */
    public Mono<Void> complete(ClaimedJob run, long callId, String failure) {
        return db.sql("UPDATE scheduled_runs SET status = :status, call_id = :call, error = :error, "
                        + "finished_at = now(), claim = NULL, claimed_until = NULL "
                        + "WHERE id = :id AND claim = :claim AND status = 'pending'")
                .bind("status", failure == null ? "done" : "failed").bind("call", callId)
                .bind("error", Parameter.fromOrEmpty(failure == null ? null : firstLine(failure), String.class))
                .bind("id", run.id()).bind("claim", run.claim())
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new LeaseLost()));
    }

    /** Gives the job back, to be claimed again after {@code delay}. */
    public Mono<Void> retryLater(ClaimedJob run, Duration delay, String error) {
        return db.sql("UPDATE scheduled_runs SET run_at = clock_timestamp() + make_interval(secs => :delay), "
                        + "error = :error, claim = NULL, claimed_until = NULL "
                        + "WHERE id = :id AND claim = :claim AND status = 'pending'")
                .bind("delay", delay.toMillis() / 1000.0).bind("error", error)
                .bind("id", run.id()).bind("claim", run.claim())
                .then();
    }

    /**
     * Gives the job back untried, to be claimed again after {@code delay}: its claim is not an attempt,
     * because the run never started (the script workers, or the bot's share of them, were full).
     */
    public Mono<Void> postpone(ClaimedJob run, Duration delay) {
        return db.sql("UPDATE scheduled_runs SET run_at = clock_timestamp() + make_interval(secs => :delay), "
                        + "attempts = attempts - 1, claim = NULL, claimed_until = NULL "
                        + "WHERE id = :id AND claim = :claim AND status = 'pending'")
                .bind("delay", delay.toMillis() / 1000.0)
                .bind("id", run.id()).bind("claim", run.claim())
                .then();
    }

    /** Gives up on the job: it failed for reasons outside the script too many times. */
    public Mono<Void> giveUp(ClaimedJob run, String error) {
        return db.sql("UPDATE scheduled_runs SET status = 'failed', error = :error, finished_at = now(), "
                        + "claim = NULL, claimed_until = NULL WHERE id = :id AND claim = :claim AND status = 'pending'")
                .bind("error", error).bind("id", run.id()).bind("claim", run.claim())
                .then();
    }

    /** Newest first, of one status when {@code status} is not null. */
    public Flux<JobView> list(long botId, String status, int limit) {
        return db.sql("SELECT " + VIEW_COLUMNS + " FROM scheduled_runs WHERE bot_id = :bot"
                        + (status == null ? "" : " AND status = :status") + " ORDER BY id DESC LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .bindValues(status == null ? Map.of() : Map.of("status", status))
                .map(this::toView).all();
    }

    /** The jobs one call scheduled, in the order it scheduled them; at most {@code limit}. */
    public Flux<JobView> ofCall(long botId, long callId, int limit) {
        return db.sql("SELECT " + VIEW_COLUMNS + " FROM scheduled_runs WHERE created_by_call = :call AND bot_id = :bot "
                        + "ORDER BY id LIMIT :limit")
                .bind("call", callId).bind("bot", botId).bind("limit", limit)
                .map(this::toView).all();
    }

    /**
     * Cancels one pending job of the bot, the admin's {@code Bot.clearRunAfter}: a replica running it loses its
     * claim and rolls its run back. False when the bot has no such pending job.
     */
    public Mono<Boolean> cancel(long botId, long jobId) {
        return db.sql("UPDATE scheduled_runs SET status = 'cancelled', finished_at = now(), claim = NULL, "
                        + "claimed_until = NULL WHERE bot_id = :bot AND id = :id AND status = 'pending'")
                .bind("bot", botId).bind("id", jobId).fetch().rowsUpdated().map(updated -> updated > 0);
    }

    public Mono<JobView> find(long botId, long jobId) {
        return db.sql("SELECT " + VIEW_COLUMNS + " FROM scheduled_runs WHERE bot_id = :bot AND id = :id")
                .bind("bot", botId).bind("id", jobId).map(this::toView).one();
    }

    private JobView toView(Readable row) {
        return new JobView(row.get("id", Long.class), row.get("command", String.class),
                row.get("user_id", Long.class), jsonOrNull(row.get("options", Json.class)),
                row.get("label", String.class), row.get("run_at", Instant.class), row.get("status", String.class),
                row.get("attempts", Integer.class), row.get("created_by_call", Long.class),
                row.get("call_id", Long.class), row.get("error", String.class), row.get("created_at", Instant.class),
                row.get("finished_at", Instant.class));
    }

    private JsonNode jsonOrNull(Json value) {
        return value == null ? null : json.readTree(value.asString());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** The job is no longer this replica's to complete. */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("the job's claim was lost", null, false, false);
        }
    }
}

package dev.botwebhooks.broadcast;

import dev.botwebhooks.user.BlockedChats;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

/**
 * The {@code run_all_tasks} table: a task is created inside its run's commit, handed out by the run-all worker in
 * batches of {@code Bot.run} jobs ({@code scheduled_runs} with the task's id), and read by BJS.
 */
@Repository
public class RunAllTaskRepository {

    private static final String COLUMNS = "id, command, for_chats, status, total, cur_position, created_at, finished_at";

    private final DatabaseClient db;
    private final JsonMapper json;

    RunAllTaskRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Stores a task; inside the run's transaction. Its total is the bot's users now (they are the task's users, see
     * {@link #handOut}); a task for the group kinds has no chat to go to and is finished at once.
     */
    public Mono<RunAllTask> create(NewRunAllTask task) {
        RunAllRequest request = task.request();
        boolean reachesUsers = request.forChats().reachesUsers();
        return db.sql("INSERT INTO run_all_tasks (bot_id, command, options, for_chats, created_by_call, total, status, "
                        + "handed_out_all, finished_at) VALUES (:bot, :command, :options, :for, :call, "
                        + (reachesUsers ? "(SELECT count(*) FROM users WHERE bot_id = :bot), 'new', false, NULL"
                                : "0, 'finished', true, now()")
                        + ") RETURNING " + COLUMNS)
                .bind("bot", task.botId()).bind("command", request.command())
                .bind("options", Parameter.fromOrEmpty(request.options() == null ? null
                        : Json.of(json.writeValueAsString(request.options())), Json.class))
                .bind("for", request.forChats().wireName()).bind("call", task.callId())
                .map(row -> toTask(row, 0)).one();
    }

    /** The bot's task with that id, with its failed jobs counted; empty when the bot has none. */
    public Mono<RunAllTask> find(long botId, long id) {
        return db.sql("SELECT " + COLUMNS + ", (SELECT count(*) FROM scheduled_runs s WHERE s.run_all_task_id = t.id "
                        + "AND s.status = 'failed') AS errors_count FROM run_all_tasks t WHERE bot_id = :bot AND id = :id")
                .bind("bot", botId).bind("id", id)
                .map(row -> toTask(row, row.get("errors_count", Long.class))).one();
    }

    /**
     * Locks one unfinished task that has work now, skipping those another replica holds; inside the worker's
     * transaction. A task has work when fewer than {@code batch} of its jobs are pending (so it never floods the job
     * queue ahead of other bots' jobs), or, once every user was handed out, when none is. The tasks take turns:
     * the one whose last batch is oldest first.
     */
    public Mono<ClaimedRunAllTask> claim(int batch) {
        return db.sql("SELECT id, bot_id, last_user_id, cur_position, handed_out_all FROM run_all_tasks t "
                        + "WHERE status <> 'finished' AND (SELECT count(*) FROM (SELECT 1 FROM scheduled_runs s "
                        + "WHERE s.run_all_task_id = t.id AND s.status = 'pending' LIMIT :batch) AS pending) "
                        + "< CASE WHEN handed_out_all THEN 1 ELSE :batch END "
                        + "ORDER BY handed_out_at NULLS FIRST, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .bind("batch", batch)
                .map(row -> new ClaimedRunAllTask(row.get("id", Long.class), row.get("bot_id", Long.class),
                        row.get("last_user_id", Long.class), row.get("cur_position", Long.class),
                        Boolean.TRUE.equals(row.get("handed_out_all", Boolean.class))))
                .one();
    }

    /** What one batch went through: users read, jobs inserted (the users whose chat is not blocked), the last id read. */
    public record Batch(long scanned, long handedOut, Long lastUserId) {
    }

    /**
     * Inserts a job for each of the task's next {@code limit} users (by id, after its cursor), with the task's command
     * and its options plus {@code options.task}; users whose chat the bot blocked are gone through but get none.
     * The task's users are those the bot had when it was created. Inside the worker's transaction.
     */
    public Mono<Batch> handOut(ClaimedRunAllTask task, int limit) {
        return db.sql("WITH batch AS (SELECT u.id, EXISTS (SELECT 1 FROM properties p WHERE p.bot_id = u.bot_id "
                        + "AND p.user_id IS NULL AND p.name = :prefix || COALESCE(NULLIF(u.data->>'telegramid', ''), "
                        + "u.id::text)) AS blocked FROM users u WHERE u.bot_id = :bot"
                        + (task.lastUserId() == null ? "" : " AND u.id > :after")
                        + " AND u.created_at <= (SELECT created_at FROM run_all_tasks WHERE id = :task) "
                        + "ORDER BY u.id LIMIT :limit), "
                        + "numbered AS (SELECT id, blocked, :position + row_number() OVER (ORDER BY id) AS position "
                        + "FROM batch), "
                        + "inserted AS (INSERT INTO scheduled_runs (bot_id, command, user_id, options, run_at, "
                        + "run_all_task_id) SELECT t.bot_id, t.command, n.id, COALESCE(t.options, '{}'::jsonb) "
                        + "|| jsonb_build_object('task', jsonb_build_object('id', t.id, 'status', 'in progress', "
                        + "'total', GREATEST(t.total, n.position), 'cur_position', n.position, "
                        + "'progress', n.position * 100 / GREATEST(t.total, n.position), 'errors_count', "
                        + "(SELECT count(*) FROM scheduled_runs f WHERE f.run_all_task_id = :task AND f.status = 'failed'))), "
                        + "clock_timestamp(), t.id FROM numbered n CROSS JOIN run_all_tasks t "
                        + "WHERE t.id = :task AND NOT n.blocked RETURNING 1) "
                        + "SELECT (SELECT count(*) FROM batch) AS scanned, (SELECT max(id) FROM batch) AS last_id, "
                        + "(SELECT count(*) FROM inserted) AS handed_out")
                .bind("prefix", BlockedChats.PROPERTY_PREFIX).bind("bot", task.botId()).bind("task", task.id())
                .bind("limit", limit).bind("position", task.curPosition())
                .bindValues(task.lastUserId() == null ? Map.of() : Map.of("after", task.lastUserId()))
                .map(row -> new Batch(row.get("scanned", Long.class), row.get("handed_out", Long.class),
                        row.get("last_id", Long.class)))
                .one();
    }

    /** Moves the task past a batch; {@code last} says the batch reached the end of the task's users. */
    public Mono<Void> advance(ClaimedRunAllTask task, Batch batch, boolean last) {
        return db.sql("UPDATE run_all_tasks SET status = 'in progress', cur_position = cur_position + :scanned, "
                        + "total = GREATEST(total, cur_position + :scanned), "
                        + "last_user_id = COALESCE(:last, last_user_id), handed_out_all = :all, "
                        + "handed_out_at = clock_timestamp() WHERE id = :task")
                .bind("scanned", batch.scanned())
                .bind("last", Parameter.fromOrEmpty(batch.lastUserId(), Long.class))
                .bind("all", last).bind("task", task.id())
                .then();
    }

    /** Every user was handed out and none of the task's jobs is pending any more. */
    public Mono<Void> finish(ClaimedRunAllTask task) {
        return db.sql("UPDATE run_all_tasks SET status = 'finished', finished_at = clock_timestamp(), "
                        + "handed_out_at = clock_timestamp() WHERE id = :task")
                .bind("task", task.id())
                .then();
    }

    private static RunAllTask toTask(Readable row, long errorsCount) {
        return new RunAllTask(row.get("id", Long.class), row.get("command", String.class),
                ForChats.fromWireName(row.get("for_chats", String.class)).orElseThrow(),
                row.get("status", String.class), row.get("total", Long.class), row.get("cur_position", Long.class),
                errorsCount, row.get("created_at", Instant.class), row.get("finished_at", Instant.class));
    }
}

package dev.botwebhooks.call;

import dev.botwebhooks.sql.MultiRow;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

@Repository
public class CallRepository {

    private static final String COLUMNS = "id, bot_id, command, user_id, method, url, ip, request_headers, "
            + "request_body, status, response_body, error_kind, error, cpu_ms, duration_ms, received_at, origin, property_writes";
    private static final String SELECT = "SELECT " + COLUMNS + ", replay_of FROM webhook_calls ";

    private final DatabaseClient db;
    private final JsonMapper json;

    private final CallIds ids;
    private final List<MultiRow.Column<CallRecord>> columns;

    CallRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.ids = new CallIds(db);
        this.columns = List.of(
                MultiRow.Column.of("bigint", Long.class, CallRecord::id),
                MultiRow.Column.of("bigint", Long.class, CallRecord::botId),
                MultiRow.Column.of("text", String.class, CallRecord::command),
                MultiRow.Column.of("bigint", Long.class, CallRecord::userId),
                MultiRow.Column.of("text", String.class, CallRecord::method),
                MultiRow.Column.of("text", String.class, CallRecord::url),
                MultiRow.Column.of("text", String.class, CallRecord::ip),
                MultiRow.Column.of("jsonb", String.class, call -> json.writeValueAsString(call.requestHeaders())),
                MultiRow.Column.of("bytea", byte[].class, CallRecord::requestBody),
                MultiRow.Column.of("integer", Integer.class, CallRecord::status),
                MultiRow.Column.of("bytea", byte[].class, CallRecord::responseBody),
                MultiRow.Column.of("text", String.class, CallRecord::errorKind),
                MultiRow.Column.of("text", String.class, CallRecord::error),
                MultiRow.Column.of("integer", Integer.class, CallRecord::cpuMs),
                MultiRow.Column.of("integer", Integer.class, CallRecord::durationMs),
                MultiRow.Column.of("timestamptz", Instant.class, CallRecord::receivedAt),
                MultiRow.Column.of("text", String.class, call -> call.origin().wireName()),
                MultiRow.Column.of("jsonb", String.class, call -> call.propertyWrites() == null ? null
                        : json.writeValueAsString(call.propertyWrites())));
    }

    /**
     * Taken before the insert because the answer stored with the record names the call id; from blocks of
     * the sequence, so most calls need no round trip for it.
     */
    public Mono<Long> nextId() {
        return ids.next();
    }

    /** The records of a group commit, in one statement; inside its transaction. */
    public Mono<Void> insert(List<CallRecord> calls) {
        if (calls.isEmpty()) {
            return Mono.empty();
        }
        return MultiRow.execute(db, "INSERT INTO webhook_calls (" + COLUMNS + ") ", "", calls, columns);
    }

    /** Deletes at most {@code batch} calls received before {@code cutoff}; how many it deleted. */
    public Mono<Long> deleteReceivedBefore(Instant cutoff, int batch) {
        return db.sql("DELETE FROM webhook_calls WHERE id IN (SELECT id FROM webhook_calls WHERE received_at < :cutoff "
                        + "LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("cutoff", cutoff).bind("batch", batch)
                .fetch().rowsUpdated();
    }

    public Mono<CallRecord> find(long botId, long callId) {
        return db.sql(SELECT + "WHERE bot_id = :bot AND id = :id")
                .bind("bot", botId).bind("id", callId).map(this::toCall).one();
    }

    /** Newest first; {@code before} is the id of the last call of the previous page, or null. */
    public Flux<CallRecord> list(long botId, Long before, int limit) {
        return list(botId, CallFilter.NONE, before, limit);
    }

    /** As {@link #list(long, Long, int)}, only the calls that match {@code filter}; values are bound, never spliced. */
    public Flux<CallRecord> list(long botId, CallFilter filter, Long before, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE bot_id = :bot AND id < :before");
        if (filter.statusFrom() != null) {
            sql.append(" AND status BETWEEN :statusFrom AND :statusTo");
        }
        if (filter.command() != null) {
            // The log keeps the command line ("/onPay 42"); the filter names the command.
            sql.append(" AND (command = :command OR starts_with(command, :commandAndSpace))");
        }
        if (filter.from() != null) {
            sql.append(" AND received_at >= :from");
        }
        if (filter.to() != null) {
            sql.append(" AND received_at < :to");
        }
        DatabaseClient.GenericExecuteSpec query = db.sql(sql.append(" ORDER BY id DESC LIMIT :limit").toString())
                .bind("bot", botId).bind("before", before == null ? Long.MAX_VALUE : before).bind("limit", limit);
        if (filter.statusFrom() != null) {
            query = query.bind("statusFrom", filter.statusFrom()).bind("statusTo", filter.statusTo());
        }
        if (filter.command() != null) {
            query = query.bind("command", filter.command()).bind("commandAndSpace", filter.command() + " ");
        }
        if (filter.from() != null) {
            query = query.bind("from", filter.from());
        }
        if (filter.to() != null) {
            query = query.bind("to", filter.to());
        }
        return query.map(this::toCall).all();
    }

    /** The bot's calls received since {@code since}, counted per minute and status class; oldest minute first. */
    public Flux<MinuteCount> perMinute(long botId, Instant since) {
        return db.sql("SELECT date_trunc('minute', received_at) AS minute, status / 100 AS class, count(*) AS calls "
                        + "FROM webhook_calls WHERE bot_id = :bot AND received_at >= :since "
                        + "GROUP BY 1, 2 ORDER BY 1, 2")
                .bind("bot", botId).bind("since", since)
                .map(row -> new MinuteCount(row.get("minute", Instant.class), row.get("class", Integer.class) + "xx",
                        row.get("calls", Long.class)))
                .all();
    }

    /**
     * The ids of the newest calls received since {@code since}, at most {@code limit}; the live tail compares them
     * with those it has shown (ids are not in commit order, so a cursor on them would skip calls).
     */
    public Flux<Long> idsReceivedSince(long botId, Instant since, int limit) {
        return db.sql("SELECT id FROM webhook_calls WHERE bot_id = :bot AND received_at >= :since ORDER BY id DESC LIMIT :limit")
                .bind("bot", botId).bind("since", since).bind("limit", limit)
                .map(row -> row.get("id", Long.class)).all();
    }

    /** The calls of {@code botId} among {@code callIds}, oldest first. */
    public Flux<CallRecord> findAll(long botId, List<Long> callIds) {
        if (callIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(SELECT + "WHERE bot_id = :bot AND id = ANY(:ids) ORDER BY id")
                .bind("bot", botId).bind("ids", callIds.toArray(Long[]::new)).map(this::toCall).all();
    }

    /** Links a replay's call to the call it ran again; inside the replay's commit. */
    public Mono<Void> markReplay(long callId, long replayOf) {
        return db.sql("UPDATE webhook_calls SET replay_of = :original WHERE id = :id")
                .bind("original", replayOf).bind("id", callId).then();
    }

    private CallRecord toCall(Readable row) {
        return new CallRecord(row.get("id", Long.class), row.get("bot_id", Long.class), row.get("command", String.class),
                row.get("user_id", Long.class), row.get("method", String.class), row.get("url", String.class),
                row.get("ip", String.class), json.readTree(row.get("request_headers", Json.class).asString()),
                row.get("request_body", byte[].class), row.get("status", Integer.class),
                row.get("response_body", byte[].class), row.get("error_kind", String.class),
                row.get("error", String.class), row.get("cpu_ms", Integer.class), row.get("duration_ms", Integer.class),
                row.get("received_at", Instant.class), CallOrigin.fromWireName(row.get("origin", String.class)),
                row.get("replay_of", Long.class), jsonOrNull(row.get("property_writes", Json.class)));
    }

    private tools.jackson.databind.JsonNode jsonOrNull(Json value) {
        return value == null ? null : json.readTree(value.asString());
    }
}

package dev.botwebhooks.httprequest;

import dev.botwebhooks.sql.MultiRow;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code http_requests} table: written in a run's transaction, claimed with a lease by the outbound worker. */
@Repository
public class HttpRequestRepository {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;
    private final List<MultiRow.Column<NewHttpRequest>> columns;

    HttpRequestRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.columns = List.of(
                MultiRow.Column.of("bigint", Long.class, NewHttpRequest::botId),
                MultiRow.Column.of("bigint", Long.class, NewHttpRequest::callId),
                MultiRow.Column.of("bigint", Long.class, NewHttpRequest::userId),
                MultiRow.Column.of("text", String.class, r -> r.request().method()),
                MultiRow.Column.of("text", String.class, r -> r.request().url()),
                MultiRow.Column.of("jsonb", String.class, r -> json.writeValueAsString(r.request().headers())),
                MultiRow.Column.of("bytea", byte[].class, r -> r.request().body()),
                MultiRow.Column.of("boolean", Boolean.class, r -> r.request().followRedirects()),
                MultiRow.Column.of("text", String.class, r -> r.request().successCommand()),
                MultiRow.Column.of("text", String.class, r -> r.request().errorCommand()));
    }

    /** The requests of a group commit's runs, in one statement; inside its transaction. */
    public Mono<Void> insert(List<NewHttpRequest> requests) {
        if (requests.isEmpty()) {
            return Mono.empty();
        }
        return MultiRow.execute(db, "INSERT INTO http_requests (bot_id, call_id, user_id, method, url, headers, body, "
                + "follow_redirects, success_command, error_command) ", "", requests, columns);
    }

    /** Claims up to {@code limit} pending requests for {@code lease}, oldest first. */
    public Flux<ClaimedHttpRequest> claim(int limit, Duration lease) {
        UUID claim = UUID.randomUUID();
        return db.sql("UPDATE http_requests SET claim = :claim, attempts = attempts + 1, "
                        + "claimed_until = clock_timestamp() + make_interval(secs => :lease) "
                        + "WHERE id IN (SELECT id FROM http_requests WHERE status = 'pending' "
                        + "AND (claimed_until IS NULL OR claimed_until < clock_timestamp()) "
                        + "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, bot_id, call_id, user_id, method, url, headers, body, follow_redirects, "
                        + "success_command, error_command, attempts")
                .bind("claim", claim).bind("lease", lease.toMillis() / 1000.0).bind("limit", limit)
                .map(row -> claimed(row, claim))
                .all();
    }

    /**
     * Records the outcome; inside the transaction that also stores the callback job, which rolls back with
     * {@link LeaseLost} when the claim is no longer ours (another replica took the request over).
     */
    public Mono<Void> complete(ClaimedHttpRequest request, Integer responseStatus, String error) {
        return db.sql("UPDATE http_requests SET status = 'done', response_status = :status, error = :error, "
                        + "finished_at = now(), claim = NULL, claimed_until = NULL WHERE id = :id AND claim = :claim")
                .bind("status", Parameter.fromOrEmpty(responseStatus, Integer.class))
                .bind("error", Parameter.fromOrEmpty(error, String.class))
                .bind("id", request.id()).bind("claim", request.claim())
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new LeaseLost(request.id())));
    }

    /** Gives the request back for {@code delay} without spending an attempt (its bot had enough in flight). */
    public Mono<Void> postpone(ClaimedHttpRequest request, Duration delay) {
        return db.sql("UPDATE http_requests SET attempts = attempts - 1, "
                        + "claimed_until = clock_timestamp() + make_interval(secs => :delay) WHERE id = :id AND claim = :claim")
                .bind("delay", delay.toMillis() / 1000.0).bind("id", request.id()).bind("claim", request.claim())
                .then();
    }

    private ClaimedHttpRequest claimed(Readable row, UUID claim) {
        ScriptHttpRequest request = new ScriptHttpRequest(row.get("method", String.class), row.get("url", String.class),
                json.readValue(row.get("headers", Json.class).asString(), HEADERS), row.get("body", byte[].class),
                row.get("follow_redirects", Boolean.class), row.get("success_command", String.class),
                row.get("error_command", String.class));
        return new ClaimedHttpRequest(row.get("id", Long.class), row.get("bot_id", Long.class),
                row.get("call_id", Long.class), row.get("user_id", Long.class), request, claim,
                row.get("attempts", Integer.class));
    }

    /** The claim lapsed and another replica holds the request now. */
    public static class LeaseLost extends RuntimeException {
        LeaseLost(long id) {
            super("the claim on HTTP request " + id + " was lost");
        }
    }
}

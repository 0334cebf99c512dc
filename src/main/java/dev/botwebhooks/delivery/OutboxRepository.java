package dev.botwebhooks.delivery;

import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/** The delivery side of the {@code messages} table (the outbox). */
@Repository
class OutboxRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    OutboxRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Claims up to {@code limit} messages, each the oldest pending one of its chat: message n+1 of a
     * chat cannot be claimed while message n is pending, so a chat's messages go out in order.
     */
    Flux<ClaimedMessage> claim(int limit, Duration lease) {
        return db.sql("UPDATE messages m SET attempts = m.attempts + 1, "
                        + "claimed_until = clock_timestamp() + make_interval(secs => :lease) FROM bots b "
                        + "WHERE b.id = m.bot_id AND m.id IN (SELECT p.id FROM messages p WHERE p.status = 'pending' "
                        + "AND p.next_attempt_at <= clock_timestamp() "
                        + "AND (p.claimed_until IS NULL OR p.claimed_until < clock_timestamp()) "
                        + "AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.status = 'pending' AND e.bot_id = p.bot_id "
                        + "AND e.chat_id = p.chat_id AND e.id < p.id) "
                        + "ORDER BY p.id LIMIT :limit FOR UPDATE OF p SKIP LOCKED) "
                        + "RETURNING m.id, m.bot_id, m.call_id, m.user_id, m.chat_id, m.text, m.options, m.method, m.on_result, "
                        + "m.on_error, m.attempts, "
                        + "b.settings->>'telegram_token' AS token")
                .bind("lease", lease.toMillis() / 1000.0).bind("limit", limit)
                .map(row -> new ClaimedMessage(row.get("id", Long.class), row.get("bot_id", Long.class),
                        row.get("call_id", Long.class), row.get("user_id", Long.class),
                        row.get("chat_id", String.class), row.get("text", String.class),
                        json.readTree(row.get("options", Json.class).asString()), row.get("method", String.class),
                        row.get("on_result", String.class), row.get("on_error", String.class),
                        row.get("attempts", Integer.class), row.get("token", String.class)))
                .all();
    }

    Mono<Void> sent(long id) {
        return finish(id, "sent", null);
    }

    Mono<Void> failed(long id, String error) {
        return finish(id, "failed", error);
    }

    /** The bot has no chat token: the message stays in its chat log only. */
    Mono<Void> stored(long id) {
        return finish(id, "stored", null);
    }

    /**
     * Sends it again after {@code delay}. {@code counted} false for a rate limit: being told to wait
     * is not a failed attempt, so it does not bring the message nearer to giving up.
     */
    Mono<Void> retryLater(long id, Duration delay, String error, boolean counted) {
        return db.sql("UPDATE messages SET next_attempt_at = clock_timestamp() + make_interval(secs => :delay), "
                        + "claimed_until = NULL, error = :error" + (counted ? "" : ", attempts = attempts - 1")
                        + " WHERE id = :id AND status = 'pending'")
                .bind("delay", delay.toMillis() / 1000.0).bind("error", error).bind("id", id)
                .then();
    }

    Mono<Long> backlog() {
        return db.sql("SELECT count(*) AS n FROM messages WHERE status = 'pending'")
                .map(row -> row.get("n", Long.class)).one();
    }

    private Mono<Void> finish(long id, String status, String error) {
        return db.sql("UPDATE messages SET status = :status, claimed_until = NULL, error = :error"
                        + ("sent".equals(status) ? ", sent_at = now()" : "") + " WHERE id = :id AND status = 'pending'")
                .bind("status", status).bind("id", id)
                .bind("error", Parameter.fromOrEmpty(error, String.class))
                .then();
    }
}

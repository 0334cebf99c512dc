package dev.botwebhooks.idempotency;

import dev.botwebhooks.run.Answer;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The {@code idempotency_keys} table: claims, stored answers, their release and expiry. */
@Repository
class IdempotencyStore {

    private static final String KEY = "bot_id = :bot AND scope = :scope AND key = :key";

    private final DatabaseClient db;
    private final JsonMapper json;

    IdempotencyStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Claims the id for this delivery, or says why not. The insert is atomic in PostgreSQL, so of
     * concurrent deliveries on any number of replicas exactly one wins; a claim whose owner died
     * (lease over) or an expired answer is taken over.
     */
    Mono<Claim> claim(DeliveryKey id, Instant now, Instant claimedUntil, Instant expiresAt, ClaimOwner owner) {
        UUID token = UUID.randomUUID();
        Mono<Claim> won = db.sql("INSERT INTO idempotency_keys (bot_id, scope, key, state, token, claimed_until, expires_at, "
                        + "owner, incarnation) "
                        + "VALUES (:bot, :scope, :key, 'running', :token, :claimedUntil, :expiresAt, :owner, :incarnation) "
                        + "ON CONFLICT (bot_id, scope, key) DO UPDATE SET state = 'running', token = EXCLUDED.token, "
                        + "claimed_until = EXCLUDED.claimed_until, expires_at = EXCLUDED.expires_at, "
                        + "owner = EXCLUDED.owner, incarnation = EXCLUDED.incarnation, call_id = NULL, "
                        + "status = NULL, content_type = NULL, headers = NULL, body = NULL "
                        + "WHERE (idempotency_keys.state = 'running' AND idempotency_keys.claimed_until < :now) "
                        + "OR idempotency_keys.expires_at < :now "
                        + "RETURNING token")
                .bind("bot", id.botId()).bind("scope", id.scope()).bind("key", id.key()).bind("token", token)
                .bind("claimedUntil", claimedUntil).bind("expiresAt", expiresAt).bind("now", now)
                .bind("owner", owner.name()).bind("incarnation", owner.incarnation())
                .map(row -> (Claim) new Claim.Won(row.get("token", UUID.class)))
                .one();
        return won.switchIfEmpty(Mono.defer(() -> find(id, now)
                .map(answer -> (Claim) new Claim.Stored(answer))
                // Running elsewhere, or released between the two statements: look again shortly.
                .defaultIfEmpty(new Claim.Busy())));
    }

    /** The stored answer of an id, unless it expired. */
    Mono<Answer> find(DeliveryKey id, Instant now) {
        return db.sql("SELECT status, content_type, headers, body FROM idempotency_keys WHERE " + KEY
                        + " AND state = 'done' AND expires_at >= :now")
                .bind("bot", id.botId()).bind("scope", id.scope()).bind("key", id.key()).bind("now", now)
                .map(this::toAnswer).one();
    }

    /** Stores the answer of the claim's run; called inside the run's transaction, so it commits with the call record. */
    Mono<Void> complete(DeliveryKey id, UUID token, long callId, Answer answer, Instant expiresAt) {
        ObjectNode headers = json.createObjectNode();
        answer.headers().forEach(headers::put);
        return db.sql("UPDATE idempotency_keys SET state = 'done', call_id = :call, status = :status, "
                        + "content_type = :contentType, headers = :headers, body = :body, expires_at = :expiresAt "
                        + "WHERE " + KEY + " AND token = :token AND state = 'running'")
                .bind("bot", id.botId()).bind("scope", id.scope()).bind("key", id.key()).bind("token", token)
                .bind("call", callId).bind("status", answer.status())
                .bind("contentType", Parameter.fromOrEmpty(answer.contentType(), String.class))
                .bind("headers", Json.of(json.writeValueAsString(headers)))
                .bind("body", Parameter.fromOrEmpty(answer.body() == null ? null
                        : answer.body().getBytes(StandardCharsets.UTF_8), byte[].class))
                .bind("expiresAt", expiresAt)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new ClaimLost(id)));
    }

    /** Extends a running claim's lease; false when the claim is no longer this token's (taken over or done). */
    Mono<Boolean> renew(DeliveryKey id, UUID token, Instant claimedUntil) {
        return db.sql("UPDATE idempotency_keys SET claimed_until = :claimedUntil WHERE " + KEY
                        + " AND token = :token AND state = 'running'")
                .bind("bot", id.botId()).bind("scope", id.scope()).bind("key", id.key()).bind("token", token)
                .bind("claimedUntil", claimedUntil)
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /** Deletes the running claims an earlier incarnation of this instance left (it crashed mid-run); how many. */
    Mono<Long> releaseEarlierIncarnations(ClaimOwner owner) {
        return db.sql("DELETE FROM idempotency_keys WHERE owner = :owner AND incarnation <> :incarnation "
                        + "AND state = 'running'")
                .bind("owner", owner.name()).bind("incarnation", owner.incarnation())
                .fetch().rowsUpdated();
    }

    /** Gives up a claim that stored no answer, so the provider's retry runs; a stored answer is never touched. */
    Mono<Void> release(DeliveryKey id, UUID token) {
        return db.sql("DELETE FROM idempotency_keys WHERE " + KEY + " AND token = :token AND state = 'running'")
                .bind("bot", id.botId()).bind("scope", id.scope()).bind("key", id.key()).bind("token", token)
                .then();
    }

    /** Deletes at most {@code batch} expired rows; rows another replica is deleting are skipped. */
    Mono<Long> deleteExpired(Instant now, int batch) {
        return db.sql("DELETE FROM idempotency_keys WHERE (bot_id, scope, key) IN (SELECT bot_id, scope, key "
                        + "FROM idempotency_keys WHERE expires_at < :now LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("now", now).bind("batch", batch)
                .fetch().rowsUpdated();
    }

    private Answer toAnswer(Readable row) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode stored = json.readTree(row.get("headers", Json.class).asString());
        stored.properties().forEach(field -> headers.put(field.getKey(), field.getValue().asString()));
        byte[] body = row.get("body", byte[].class);
        return new Answer(row.get("status", Integer.class), row.get("content_type", String.class), headers,
                body == null ? null : new String(body, StandardCharsets.UTF_8), null);
    }

    /** The claim lapsed while the run went on and another delivery took it: this run must not commit. */
    static final class ClaimLost extends RuntimeException {
        ClaimLost(DeliveryKey id) {
            super("the claim on delivery " + id.key() + " of bot " + id.botId() + " lapsed before the run committed");
        }
    }
}

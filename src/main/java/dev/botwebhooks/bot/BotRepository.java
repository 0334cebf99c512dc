package dev.botwebhooks.bot;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

@Repository
public class BotRepository {

    private static final String COLUMNS = "id, name, webhook_secret, settings, created_at";

    private final DatabaseClient db;
    private final JsonMapper json;

    BotRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Bot> create(String name, byte[] apiKeyHash, byte[] webhookSecret) {
        return db.sql("INSERT INTO bots (name, api_key_hash, webhook_secret) VALUES (:name, :hash, :secret) RETURNING "
                        + COLUMNS)
                .bind("name", name).bind("hash", apiKeyHash).bind("secret", webhookSecret)
                .map(this::toBot).one();
    }

    public Mono<Bot> findById(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM bots WHERE id = :id").bind("id", id).map(this::toBot).one();
    }

    public Mono<Long> findIdByApiKeyHash(byte[] hash) {
        return db.sql("SELECT id FROM bots WHERE api_key_hash = :hash").bind("hash", hash)
                .map(row -> row.get("id", Long.class)).one();
    }

    public Mono<Bot> update(long id, String name, JsonNode settings) {
        return db.sql("UPDATE bots SET name = :name, settings = :settings WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("name", name).bind("settings", Json.of(json.writeValueAsString(settings)))
                .map(this::toBot).one();
    }

    public Mono<Bot> rotateWebhookSecret(long id, byte[] secret) {
        return db.sql("UPDATE bots SET webhook_secret = :secret WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("secret", secret).map(this::toBot).one();
    }

    /** Bots by id, newest first, those below {@code before} when it is not null. */
    public Flux<Bot> list(Long before, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM bots" + (before == null ? "" : " WHERE id < :before")
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit).bindValues(before == null ? Map.of() : Map.of("before", before))
                .map(this::toBot).all();
    }

    /** A new API key for a bot whose key was lost; the old one stops working at once. */
    public Mono<Bot> rotateApiKey(long id, byte[] apiKeyHash) {
        return db.sql("UPDATE bots SET api_key_hash = :hash WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("hash", apiKeyHash).map(this::toBot).one();
    }

    public Mono<Boolean> delete(long id) {
        return db.sql("DELETE FROM bots WHERE id = :id").bind("id", id).fetch().rowsUpdated().map(n -> n > 0);
    }

    private Bot toBot(Readable row) {
        return new Bot(row.get("id", Long.class), row.get("name", String.class), row.get("webhook_secret", byte[].class),
                new BotSettings(json.readTree(row.get("settings", Json.class).asString())), row.get("created_at", Instant.class));
    }
}

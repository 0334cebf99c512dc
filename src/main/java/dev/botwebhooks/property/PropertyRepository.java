package dev.botwebhooks.property;

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
import java.util.Map;

@Repository
public class PropertyRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    PropertyRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<PropertyValue> find(PropertyKey key) {
        return scoped("SELECT type, value FROM properties WHERE bot_id = :bot AND name = :name AND ", key.userId())
                .bind("bot", key.botId()).bind("name", key.name())
                .map(this::toValue).one();
    }

    /** Bot-scoped properties when {@code userId} is null, else that user's. */
    public Flux<StoredProperty> list(long botId, Long userId, int limit) {
        return db.sql("SELECT user_id, name, type, value, updated_at FROM properties WHERE bot_id = :bot AND "
                        + userCondition(userId) + " ORDER BY name LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .bindValues(userId == null ? Map.of() : Map.of("user", userId))
                .map(row -> new StoredProperty(row.get("user_id", Long.class), row.get("name", String.class),
                        toValue(row), row.get("updated_at", Instant.class)))
                .all();
    }

    /** Applies a run's changes in order; the caller runs this inside the run's transaction. */
    public Mono<Void> apply(List<PropertyChange> changes) {
        return Flux.fromIterable(changes).concatMap(this::apply).then();
    }

    private Mono<Long> apply(PropertyChange change) {
        PropertyKey key = change.key();
        if (change instanceof PropertyChange.Put put) {
            String conflictKey = key.userId() == null ? "(bot_id, name) WHERE user_id IS NULL"
                    : "(bot_id, user_id, name) WHERE user_id IS NOT NULL";
            return db.sql("INSERT INTO properties (bot_id, user_id, name, type, value) "
                            + "VALUES (:bot, :user, :name, :type, :value) ON CONFLICT " + conflictKey
                            + " DO UPDATE SET type = EXCLUDED.type, value = EXCLUDED.value, updated_at = now()")
                    .bind("bot", key.botId())
                    .bind("user", Parameter.fromOrEmpty(key.userId(), Long.class))
                    .bind("name", key.name()).bind("type", put.value().type().wireName())
                    .bind("value", Json.of(json.writeValueAsString(put.value().value())))
                    .fetch().rowsUpdated();
        }
        return scoped("DELETE FROM properties WHERE bot_id = :bot AND name = :name AND ", key.userId())
                .bind("bot", key.botId()).bind("name", key.name())
                .fetch().rowsUpdated();
    }

    /** Two shapes of the user condition, because {@code IS NOT DISTINCT FROM} cannot use the key's index. */
    private DatabaseClient.GenericExecuteSpec scoped(String sqlUpToUserCondition, Long userId) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sqlUpToUserCondition + userCondition(userId));
        return userId == null ? spec : spec.bind("user", userId);
    }

    private static String userCondition(Long userId) {
        return userId == null ? "user_id IS NULL" : "user_id = :user";
    }

    private PropertyValue toValue(Readable row) {
        PropertyType type = PropertyType.fromWireName(row.get("type", String.class))
                .orElseThrow(() -> new IllegalStateException("unknown property type in the database"));
        return new PropertyValue(type, json.readTree(row.get("value", Json.class).asString()));
    }
}

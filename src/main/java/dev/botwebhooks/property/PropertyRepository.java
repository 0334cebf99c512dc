package dev.botwebhooks.property;

import dev.botwebhooks.sql.MultiRow;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@Repository
public class PropertyRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    private static final List<MultiRow.Column<PropertyKey>> KEY_COLUMNS = List.of(
            MultiRow.Column.of("bigint", Long.class, PropertyKey::botId),
            MultiRow.Column.of("bigint", Long.class, PropertyKey::userId),
            MultiRow.Column.of("text", String.class, PropertyKey::name));

    private static final List<MultiRow.Column<Indexed>> READ_COLUMNS = List.of(
            MultiRow.Column.of("integer", Integer.class, Indexed::i),
            MultiRow.Column.of("bigint", Long.class, row -> row.read().key().botId()),
            MultiRow.Column.of("bigint", Long.class, row -> row.read().key().userId()),
            MultiRow.Column.of("text", String.class, row -> row.read().key().name()),
            MultiRow.Column.of("bigint", Long.class, row -> row.read().version()));

    private final List<MultiRow.Column<PropertyChange.Put>> putColumns;

    PropertyRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.putColumns = List.of(
                MultiRow.Column.of("bigint", Long.class, put -> put.key().botId()),
                MultiRow.Column.of("bigint", Long.class, put -> put.key().userId()),
                MultiRow.Column.of("text", String.class, put -> put.key().name()),
                MultiRow.Column.of("text", String.class, put -> put.value().type().wireName()),
                MultiRow.Column.of("jsonb", String.class, put -> json.writeValueAsString(put.value().value())));
    }

    public Mono<PropertyValue> find(PropertyKey key) {
        return findVersioned(key).map(VersionedValue::value);
    }

    /** The committed value with its version, for a run that must know whether it changed before its commit. */
    public Mono<VersionedValue> findVersioned(PropertyKey key) {
        return scoped("SELECT type, value, version FROM properties WHERE bot_id = :bot AND name = :name AND ",
                key.userId())
                .bind("bot", key.botId()).bind("name", key.name())
                .map(row -> new VersionedValue(toValue(row), row.get("version", Long.class))).one();
    }

    /**
     * Locks these properties, present or not, until the transaction ends; in a sorted order, so two
     * transactions never wait for each other in a cycle. Every transaction that writes properties takes
     * these locks, so a commit that checks what its runs read ({@link #changedSince}) cannot race a
     * concurrent first write of a property.
     */
    public Mono<Void> lock(Collection<PropertyKey> keys) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        Long[] locks = keys.stream().map(PropertyRepository::lockId).distinct().sorted().toArray(Long[]::new);
        return db.sql("SELECT pg_advisory_xact_lock(k) FROM unnest(:locks::bigint[]) WITH ORDINALITY AS t(k, o) "
                        + "ORDER BY o")
                .bind("locks", locks).fetch().all().then();
    }

    /** A property's advisory lock: 64 bits of its key's SHA-256 (a collision only makes two runs wait in turn). */
    private static long lockId(PropertyKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((key.botId() + "/"
                    + (key.userId() == null ? "" : key.userId()) + "/" + key.name()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The reads whose property has another version now (written or deleted since, or first written). */
    public Mono<Set<PropertyRead>> changedSince(List<PropertyRead> reads) {
        if (reads.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<Indexed> rows = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            rows.add(new Indexed(i, reads.get(i)));
        }
        return MultiRow.values(db, "SELECT v.i FROM (", ") AS v(i, bot, user_id, name, version) "
                        + "LEFT JOIN properties p ON p.bot_id = v.bot AND p.name = v.name "
                        + "AND p.user_id IS NOT DISTINCT FROM v.user_id "
                        + "WHERE coalesce(p.version, " + PropertyRead.ABSENT + ") <> v.version", rows, READ_COLUMNS)
                .concatMap(statement -> statement.map(row -> reads.get(row.get("i", Integer.class))).all())
                .collect(Collectors.toSet());
    }

    private record Indexed(int i, PropertyRead read) {
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

    /** The bot's own properties whose names start with {@code prefix}, by name. */
    public Flux<StoredProperty> listByPrefix(long botId, String prefix, int limit) {
        return db.sql("SELECT user_id, name, type, value, updated_at FROM properties WHERE bot_id = :bot "
                        + "AND user_id IS NULL AND starts_with(name, :prefix) ORDER BY name LIMIT :limit")
                .bind("bot", botId).bind("prefix", prefix).bind("limit", limit)
                .map(row -> new StoredProperty(row.get("user_id", Long.class), row.get("name", String.class),
                        toValue(row), row.get("updated_at", Instant.class)))
                .all();
    }

    /**
     * Applies changes in order, in at most four statements whatever their number (bot and user properties
     * have separate unique indexes, so each has its own upsert and delete); inside the caller's transaction.
     * Of several changes to one property the last wins, as if they were applied one by one.
     */
    public Mono<Void> apply(List<PropertyChange> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        Map<PropertyKey, PropertyChange> last = new LinkedHashMap<>();
        changes.forEach(change -> last.put(change.key(), change));
        List<PropertyChange.Put> botPuts = new ArrayList<>();
        List<PropertyChange.Put> userPuts = new ArrayList<>();
        List<PropertyKey> botDeletes = new ArrayList<>();
        List<PropertyKey> userDeletes = new ArrayList<>();
        for (PropertyChange change : last.values()) {
            boolean ofUser = change.key().userId() != null;
            if (change instanceof PropertyChange.Put put) {
                (ofUser ? userPuts : botPuts).add(put);
            } else {
                (ofUser ? userDeletes : botDeletes).add(change.key());
            }
        }
        return upsert(botPuts, "(bot_id, name) WHERE user_id IS NULL")
                .then(upsert(userPuts, "(bot_id, user_id, name) WHERE user_id IS NOT NULL"))
                .then(delete(botDeletes, "p.user_id IS NULL"))
                .then(delete(userDeletes, "p.user_id = v.user_id"));
    }

    private Mono<Void> upsert(List<PropertyChange.Put> puts, String conflictTarget) {
        if (puts.isEmpty()) {
            return Mono.empty();
        }
        return MultiRow.execute(db, "INSERT INTO properties (bot_id, user_id, name, type, value) (",
                ") ON CONFLICT " + conflictTarget + " DO UPDATE SET type = EXCLUDED.type, value = EXCLUDED.value, "
                        + "updated_at = now(), version = nextval('property_versions')",
                puts, putColumns);
    }

    private Mono<Void> delete(List<PropertyKey> keys, String userCondition) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        return MultiRow.execute(db, "DELETE FROM properties p USING (",
                ") AS v(bot, user_id, name) WHERE p.bot_id = v.bot AND p.name = v.name AND " + userCondition,
                keys, KEY_COLUMNS);
    }

    /** Two shapes of the user condition, because {@code IS NOT DISTINCT FROM} cannot use the key's index. */
    private DatabaseClient.GenericExecuteSpec scoped(String sqlUpToUserCondition, Long userId) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sqlUpToUserCondition + userCondition(userId));
        return userId == null ? spec : spec.bind("user", userId);
    }

    private static String userCondition(Long userId) {
        return userId == null ? "user_id IS NULL" : "user_id = :user";
    }

    /** The value of a row that has the {@code type} and {@code value} columns of {@code properties}. */
    public PropertyValue valueOf(Readable row) {
        return toValue(row);
    }

    private PropertyValue toValue(Readable row) {
        PropertyType type = PropertyType.fromWireName(row.get("type", String.class))
                .orElseThrow(() -> new IllegalStateException("unknown property type in the database"));
        return new PropertyValue(type, json.readTree(row.get("value", Json.class).asString()));
    }
}

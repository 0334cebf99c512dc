package dev.botwebhooks.user;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Repository
public class UserRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    UserRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<BotUser> save(long botId, long userId, ObjectNode data) {
        return db.sql("INSERT INTO users (bot_id, id, data) VALUES (:bot, :id, :data) ON CONFLICT (bot_id, id) "
                        + "DO UPDATE SET data = EXCLUDED.data, updated_at = now() RETURNING bot_id, id, data")
                .bind("bot", botId).bind("id", userId).bind("data", Json.of(json.writeValueAsString(data)))
                .map(this::toUser).one();
    }

    public Mono<BotUser> find(long botId, long userId) {
        return db.sql("SELECT bot_id, id, data, EXISTS (SELECT 1 FROM properties p WHERE p.bot_id = u.bot_id"
                        + " AND p.user_id IS NULL AND p.name = :prefix || COALESCE(NULLIF(u.data->>'telegramid', ''), u.id::text))"
                        + " AS chat_blocked, (SELECT w.value FROM properties w WHERE w.bot_id = u.bot_id AND w.user_id = u.id"
                        + " AND w.name = :waiting) AS waiting_reply FROM users u WHERE bot_id = :bot AND id = :id")
                .bind("bot", botId).bind("id", userId).bind("prefix", BlockedChats.PROPERTY_PREFIX)
                .bind("waiting", WaitingReplies.PROPERTY)
                .map(row -> {
                    BotUser user = toUser(row);
                    Json waiting = row.get("waiting_reply", Json.class);
                    JsonNode waitingReply = waiting == null ? null : json.readTree(waiting.asString());
                    return new BotUser(user.botId(), user.id(), user.data(),
                            Boolean.TRUE.equals(row.get("chat_blocked", Boolean.class)),
                            waitingReply == null || !waitingReply.isObject() ? null : waitingReply);
                }).one();
    }

    /** The id of the bot's user with this Telegram id (the lowest, should several have it). */
    public Mono<Long> findIdByTelegramId(long botId, String telegramId) {
        return db.sql("SELECT id FROM users WHERE bot_id = :bot AND data->>'telegramid' = :telegramid ORDER BY id LIMIT 1")
                .bind("bot", botId).bind("telegramid", telegramId)
                .map(row -> row.get("id", Long.class)).one();
    }

    /** A bot's users by id, those above {@code after} when it is not null. */
    public Flux<BotUser> list(long botId, Long after, int limit) {
        return db.sql("SELECT bot_id, id, data FROM users WHERE bot_id = :bot" + (after == null ? "" : " AND id > :after")
                        + " ORDER BY id LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .bindValues(after == null ? java.util.Map.of() : java.util.Map.of("after", after))
                .map(this::toUser).all();
    }

    private BotUser toUser(Readable row) {
        return new BotUser(row.get("bot_id", Long.class), row.get("id", Long.class),
                (ObjectNode) json.readTree(row.get("data", Json.class).asString()));
    }
}

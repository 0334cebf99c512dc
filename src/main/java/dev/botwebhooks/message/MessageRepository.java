package dev.botwebhooks.message;

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
public class MessageRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    MessageRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Stores a run's messages in order; the caller runs this inside the run's transaction. They are
     * {@code pending} (to be sent) when the bot has a chat token, else {@code stored} (chat log only).
     */
    public Mono<Void> insert(long botId, Long callId, List<OutgoingMessage> messages) {
        // Read in the transaction, not from a cache: a bot that just got its token has its next messages sent.
        return Flux.fromIterable(messages).concatMap(message -> db.sql(
                        "INSERT INTO messages (bot_id, call_id, user_id, chat_id, text, options, status) "
                                + "SELECT :bot, :call, :user, :chat, :text, :options, CASE WHEN "
                                + "settings->>'telegram_token' IS NULL THEN 'stored' ELSE 'pending' END "
                                + "FROM bots WHERE id = :bot")
                .bind("bot", botId).bind("call", Parameter.fromOrEmpty(callId, Long.class))
                .bind("user", Parameter.fromOrEmpty(message.userId(), Long.class))
                .bind("chat", message.chatId()).bind("text", message.text())
                .bind("options", Json.of(json.writeValueAsString(message.options())))
                .fetch().rowsUpdated()).then();
    }

    /** Newest first, all users of the bot when {@code userId} is null. */
    public Flux<StoredMessage> list(long botId, Long userId, int limit) {
        return db.sql("SELECT id, call_id, user_id, chat_id, text, options, status, attempts, error, "
                        + "created_at, sent_at FROM messages "
                        + "WHERE bot_id = :bot" + (userId == null ? "" : " AND user_id = :user")
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .bindValues(userId == null ? Map.of() : Map.of("user", userId))
                .map(this::toMessage).all();
    }

    private StoredMessage toMessage(Readable row) {
        return new StoredMessage(row.get("id", Long.class), row.get("call_id", Long.class),
                row.get("user_id", Long.class), row.get("chat_id", String.class), row.get("text", String.class),
                json.readTree(row.get("options", Json.class).asString()), row.get("status", String.class),
                row.get("attempts", Integer.class), row.get("error", String.class), row.get("created_at", Instant.class),
                row.get("sent_at", Instant.class));
    }
}

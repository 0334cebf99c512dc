package dev.botwebhooks.message;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Repository
public class MessageRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    private final List<MultiRow.Column<Numbered>> columns;

    MessageRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.columns = List.of(
                MultiRow.Column.of("integer", Integer.class, Numbered::ord),
                MultiRow.Column.of("bigint", Long.class, row -> row.row().botId()),
                MultiRow.Column.of("bigint", Long.class, row -> row.row().callId()),
                MultiRow.Column.of("bigint", Long.class, row -> row.row().message().userId()),
                MultiRow.Column.of("text", String.class, row -> row.row().message().chatId()),
                MultiRow.Column.of("text", String.class, row -> row.row().message().text()),
                MultiRow.Column.of("jsonb", String.class, row -> json.writeValueAsString(row.row().message().options())),
                MultiRow.Column.of("text", String.class, row -> row.row().message().method()),
                MultiRow.Column.of("text", String.class, row -> row.row().message().onResult()),
                MultiRow.Column.of("text", String.class, row -> row.row().message().onError()));
    }

    /**
     * Stores the messages of a group commit's runs, in order, in one statement; inside its transaction.
     * They are {@code pending} (to be sent) when the bot has a chat token, else {@code stored} (chat log only).
     */
    public Mono<Void> insert(List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        // The token is read in the transaction, not from a cache: a bot that just got one has its next messages
        // sent. Rows are inserted in list order, so a chat's messages get rising ids, the order they are sent in.
        return MultiRow.execute(db, "INSERT INTO messages (bot_id, call_id, user_id, chat_id, text, options, method, on_result, "
                        + "on_error, status) SELECT v.bot, v.call, v.user_id, v.chat, v.text, v.options, v.method, "
                        + "v.on_result, v.on_error, CASE WHEN "
                        + "b.settings->>'telegram_token' IS NULL THEN 'stored' ELSE 'pending' END "
                        + "FROM (", ") AS v(ord, bot, call, user_id, chat, text, options, method, on_result, on_error) "
                        + "JOIN bots b ON b.id = v.bot ORDER BY v.ord", numbered(messages), columns);
    }

    private static List<Numbered> numbered(List<NewMessage> messages) {
        List<Numbered> rows = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            rows.add(new Numbered(i, messages.get(i)));
        }
        return rows;
    }

    private record Numbered(int ord, NewMessage row) {
    }

    private static final String SELECT = "SELECT id, call_id, user_id, chat_id, text, options, method, status, attempts, "
            + "error, created_at, sent_at, next_attempt_at FROM messages ";

    /** The messages one call made, in the order it made them; at most {@code limit}. */
    public Flux<StoredMessage> ofCall(long botId, long callId, int limit) {
        return db.sql(SELECT + "WHERE call_id = :call AND bot_id = :bot ORDER BY id LIMIT :limit")
                .bind("call", callId).bind("bot", botId).bind("limit", limit)
                .map(this::toMessage).all();
    }

    /** Newest first, all users of the bot when {@code userId} is null. */
    public Flux<StoredMessage> list(long botId, Long userId, int limit) {
        return db.sql(SELECT + "WHERE bot_id = :bot" + (userId == null ? "" : " AND user_id = :user")
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .bindValues(userId == null ? Map.of() : Map.of("user", userId))
                .map(this::toMessage).all();
    }

    private StoredMessage toMessage(Readable row) {
        return new StoredMessage(row.get("id", Long.class), row.get("call_id", Long.class),
                row.get("user_id", Long.class), row.get("chat_id", String.class), row.get("text", String.class),
                json.readTree(row.get("options", Json.class).asString()), row.get("method", String.class),
                row.get("status", String.class),
                row.get("attempts", Integer.class), row.get("error", String.class), row.get("created_at", Instant.class),
                row.get("sent_at", Instant.class),
                "pending".equals(row.get("status", String.class)) ? row.get("next_attempt_at", Instant.class) : null);
    }

    /**
     * Sends a failed message again, from its first attempt; false when the bot has no such failed message.
     * A later message to the same chat may have been sent meanwhile: a retry keeps the outbox's order
     * only among the messages still pending.
     */
    public Mono<Boolean> retry(long botId, long messageId) {
        return db.sql("UPDATE messages SET status = 'pending', attempts = 0, error = NULL, next_attempt_at = now() "
                        + "WHERE bot_id = :bot AND id = :id AND status = 'failed'")
                .bind("bot", botId).bind("id", messageId).fetch().rowsUpdated().map(updated -> updated > 0);
    }
}

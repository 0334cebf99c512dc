package dev.botwebhooks.command;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

@Repository
public class CommandRepository {

    private static final String COLUMNS = "bot_id, name, code, version, updated_at";

    private final DatabaseClient db;

    CommandRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Creates the command or replaces its code; either way it gets a new version. */
    public Mono<Command> save(long botId, String name, String code) {
        return db.sql("INSERT INTO commands (bot_id, name, code) VALUES (:bot, :name, :code) "
                        + "ON CONFLICT (bot_id, name) DO UPDATE SET code = EXCLUDED.code, "
                        + "version = nextval('command_versions'), updated_at = now() RETURNING " + COLUMNS)
                .bind("bot", botId).bind("name", name).bind("code", code)
                .map(CommandRepository::toCommand).one();
    }

    public Mono<Command> find(long botId, String name) {
        return db.sql("SELECT " + COLUMNS + " FROM commands WHERE bot_id = :bot AND name = :name")
                .bind("bot", botId).bind("name", name).map(CommandRepository::toCommand).one();
    }

    public Flux<Command> list(long botId, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM commands WHERE bot_id = :bot ORDER BY name LIMIT :limit")
                .bind("bot", botId).bind("limit", limit).map(CommandRepository::toCommand).all();
    }

    public Mono<Boolean> delete(long botId, String name) {
        return db.sql("DELETE FROM commands WHERE bot_id = :bot AND name = :name")
                .bind("bot", botId).bind("name", name).fetch().rowsUpdated().map(n -> n > 0);
    }

    private static Command toCommand(Readable row) {
        return new Command(row.get("bot_id", Long.class), row.get("name", String.class), row.get("code", String.class),
                row.get("version", Long.class), row.get("updated_at", Instant.class));
    }
}

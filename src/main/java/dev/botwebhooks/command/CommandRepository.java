package dev.botwebhooks.command;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

@Repository
public class CommandRepository {

    private static final String COLUMNS = "bot_id, name, code, version, updated_at, settings, runnable_code";

    private final DatabaseClient db;

    CommandRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Creates the command or replaces its code and settings; either way it gets a new version.
     *
     * @param runnable what the engine runs when that is not the code itself (see {@link Command#runnableCode}), else null
     * @param header the BB header it was saved with (kept for export), null to have export write one from settings
     */
    public Mono<Command> save(long botId, String name, String code, String runnable, CommandSettings settings,
            String header) {
        DatabaseClient.GenericExecuteSpec insert = db.sql(
                        "INSERT INTO commands (bot_id, name, code, runnable_code, settings, file_header) "
                        + "VALUES (:bot, :name, :code, :runnable, CAST(:settings AS jsonb), :header) "
                        + "ON CONFLICT (bot_id, name) DO UPDATE SET code = EXCLUDED.code, "
                        + "runnable_code = EXCLUDED.runnable_code, settings = EXCLUDED.settings, "
                        + "file_header = EXCLUDED.file_header, version = nextval('command_versions'), updated_at = now() "
                        + "RETURNING " + COLUMNS)
                .bind("bot", botId).bind("name", name).bind("code", code)
                .bind("runnable", Parameter.fromOrEmpty(runnable, String.class))
                .bind("settings", CommandSettingsJson.write(settings));
        insert = header == null ? insert.bindNull("header", String.class) : insert.bind("header", header);
        return insert.map(CommandRepository::toCommand).one();
    }

    public Mono<Command> save(long botId, String name, String code) {
        return save(botId, name, code, null, CommandSettings.NONE, null);
    }

    /** Names and aliases of the bot's commands, at most {@code limit}: what {@link CommandIndex} is built from. */
    Flux<CommandIndex.Entry> indexEntries(long botId, int limit) {
        return db.sql("SELECT name, settings -> 'aliases' AS aliases FROM commands WHERE bot_id = :bot "
                        + "ORDER BY name LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .map(row -> new CommandIndex.Entry(row.get("name", String.class),
                        CommandSettingsJson.parseAliases(row.get("aliases", Json.class))))
                .all();
    }

    public Mono<Command> find(long botId, String name) {
        return db.sql("SELECT " + COLUMNS + " FROM commands WHERE bot_id = :bot AND name = :name")
                .bind("bot", botId).bind("name", name).map(CommandRepository::toCommand).one();
    }

    /** Whether any of the bot's commands waits for a reply (BB's need_reply), whose reply may be any text. */
    public Mono<Boolean> hasWaitingCommands(long botId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM commands WHERE bot_id = :bot AND settings->>'need_reply' = 'true') AS found")
                .bind("bot", botId).map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
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
                row.get("version", Long.class), row.get("updated_at", Instant.class),
                CommandSettingsJson.parse(row.get("settings", Json.class).asString()), row.get("runnable_code", String.class));
    }
}

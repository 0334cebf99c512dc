package dev.botwebhooks.archive;

import dev.botwebhooks.command.CommandSettingsJson;
import dev.botwebhooks.sql.MultiRow;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** A bot's commands as files (path, header, code) and its other archive files. */
@Repository
class ArchiveRepository {

    private static final List<MultiRow.Column<CommandFile>> COMMAND_COLUMNS = List.of(
            MultiRow.Column.of("text", String.class, CommandFile::name),
            MultiRow.Column.of("text", String.class, CommandFile::code),
            MultiRow.Column.of("text", String.class, CommandFile::path),
            MultiRow.Column.of("text", String.class, CommandFile::header),
            MultiRow.Column.of("jsonb", String.class, command -> CommandSettingsJson.write(command.settings())),
            MultiRow.Column.of("text", String.class, CommandFile::runnable));
    private static final List<MultiRow.Column<ArchiveFile>> FILE_COLUMNS = List.of(
            MultiRow.Column.of("text", String.class, ArchiveFile::path),
            MultiRow.Column.of("bytea", byte[].class, ArchiveFile::content));

    private final DatabaseClient db;

    ArchiveRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<String> commandNames(long botId) {
        return db.sql("SELECT name FROM commands WHERE bot_id = :bot").bind("bot", botId)
                .map(row -> row.get("name", String.class)).all();
    }

    /** Creates or replaces the commands, each with a new version, as the admin API's save does. */
    Mono<Void> saveCommands(long botId, List<CommandFile> commands) {
        if (commands.isEmpty()) {
            return Mono.empty();
        }
        return MultiRow.execute(db, "INSERT INTO commands (bot_id, name, code, file_path, file_header, settings, runnable_code) "
                        + "SELECT " + botId + ", v.* FROM (",
                ") AS v ON CONFLICT (bot_id, name) DO UPDATE SET code = EXCLUDED.code, file_path = EXCLUDED.file_path, "
                        + "file_header = EXCLUDED.file_header, settings = EXCLUDED.settings, runnable_code = EXCLUDED.runnable_code, version = nextval('command_versions'), updated_at = now()",
                commands, COMMAND_COLUMNS);
    }

    /** The store libraries an archive installs become the bot's {@code libs} setting. */
    Mono<Void> setLibs(long botId, String libsJson) {
        return db.sql("UPDATE bots SET settings = jsonb_set(settings, '{libs}', CAST(:libs AS jsonb)) WHERE id = :bot")
                .bind("libs", libsJson).bind("bot", botId).then();
    }

    /** The archive's other files replace the ones an earlier import kept. */
    Mono<Void> replaceFiles(long botId, List<ArchiveFile> files) {
        Mono<Void> delete = db.sql("DELETE FROM bot_files WHERE bot_id = :bot").bind("bot", botId).then();
        if (files.isEmpty()) {
            return delete;
        }
        return delete.then(MultiRow.execute(db, "INSERT INTO bot_files (bot_id, path, content) SELECT " + botId
                + ", v.* FROM (", ") AS v", files, FILE_COLUMNS));
    }

    /** At most {@code limit} commands, by name, with the file each came from (null for one made here). */
    Flux<CommandFile> commandFiles(long botId, int limit) {
        return db.sql("SELECT name, code, file_path, file_header, settings FROM commands WHERE bot_id = :bot ORDER BY name LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .map(row -> new CommandFile(row.get("file_path", String.class), row.get("name", String.class),
                        row.get("file_header", String.class), row.get("code", String.class),
                        CommandSettingsJson.parse(row.get("settings", Json.class).asString()), null))
                .all();
    }

    Flux<ArchiveFile> files(long botId, int limit) {
        return db.sql("SELECT path, content FROM bot_files WHERE bot_id = :bot ORDER BY path LIMIT :limit")
                .bind("bot", botId).bind("limit", limit)
                .map(row -> new ArchiveFile(row.get("path", String.class), row.get("content", byte[].class)))
                .all();
    }
}

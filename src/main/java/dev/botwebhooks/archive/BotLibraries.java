package dev.botwebhooks.archive;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The libraries a Bots.Business export carries in its {@code libs/} folder ({@code libs/Lang.js}): BB exports the
 * code of each library installed for the bot there, and an import keeps it, so a run can load {@code Libs.Lang} from
 * the bot's own copy.
 */
@Component
public class BotLibraries {

    /** A library's name is a JavaScript identifier, and is its file's name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,63}");

    private final DatabaseClient db;

    BotLibraries(DatabaseClient db) {
        this.db = db;
    }

    /** The code of the bot's {@code libs/<name>.js}; empty when the bot has none (or the name cannot be a file's). */
    public Mono<String> code(long botId, String name) {
        if (!NAME.matcher(name).matches()) {
            return Mono.empty();
        }
        return db.sql("SELECT content FROM bot_files WHERE bot_id = :bot AND path = :path")
                .bind("bot", botId).bind("path", "libs/" + name + ".js")
                .map(row -> new String(row.get("content", byte[].class), StandardCharsets.UTF_8))
                .one();
    }
}

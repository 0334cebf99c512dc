package dev.botwebhooks.cache;

import java.util.List;

/**
 * One changed row as the database's trigger announces it: its table and its key, e.g. {@code bots:7},
 * {@code commands:7:/start}, {@code users:7:42}; {@code commands:7} stands for all of bot 7's commands.
 */
public record Change(String table, List<String> key) {

    /** Null when {@code payload} has no key. */
    static Change parse(String payload) {
        // At most table, bot and one more part: a command's name may itself hold colons.
        String[] parts = payload.split(":", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            return null;
        }
        return new Change(parts[0], List.of(parts).subList(1, parts.length));
    }

    /** The bot the changed row belongs to (for {@code bots}, the bot itself). */
    public long botId() {
        return Long.parseLong(key.get(0));
    }

    /** Whether the change names one row under its bot rather than all of the bot's rows. */
    public boolean hasItem() {
        return key.size() > 1;
    }

    /** The row's key under its bot: a command's name, a user's id. */
    public String item() {
        return key.get(1);
    }
}

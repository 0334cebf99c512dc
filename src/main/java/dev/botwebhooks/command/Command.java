package dev.botwebhooks.command;

import java.time.Instant;

/**
 * A bot's command: its code at one version (a new version each time it is replaced), and BB's fields beside it.
 *
 * @param code         the code as its author wrote it
 * @param runnableCode what the engine runs when that is not the code itself (transpiled modern syntax), else null
 */
public record Command(long botId, String name, String code, long version, Instant updatedAt, CommandSettings settings,
        String runnableCode) {

    public Command(long botId, String name, String code, long version, Instant updatedAt) {
        this(botId, name, code, version, updatedAt, CommandSettings.NONE, null);
    }

    /** The code the engine runs. */
    public String runnable() {
        return runnableCode != null ? runnableCode : code;
    }
}

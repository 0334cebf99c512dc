package dev.botwebhooks.command;

import java.time.Instant;

/** A bot's command: its code at one version (a new version each time it is replaced), and BB's fields beside it. */
public record Command(long botId, String name, String code, long version, Instant updatedAt, CommandSettings settings) {

    public Command(long botId, String name, String code, long version, Instant updatedAt) {
        this(botId, name, code, version, updatedAt, CommandSettings.NONE);
    }
}

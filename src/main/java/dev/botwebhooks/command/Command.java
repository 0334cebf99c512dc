package dev.botwebhooks.command;

import java.time.Instant;

/** A bot's command: its code at one version (a new version each time it is replaced). */
public record Command(long botId, String name, String code, long version, Instant updatedAt) {
}

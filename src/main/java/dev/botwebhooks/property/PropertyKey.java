package dev.botwebhooks.property;

/** Identifies a property: bot-scoped when {@code userId} is null, else scoped to that user of the bot. */
public record PropertyKey(long botId, Long userId, String name) {
}

package dev.botwebhooks.list;

/** Identifies a BB List: the bot's own when {@code userId} is null, else that user's. */
public record ListKey(long botId, Long userId, String name) {
}

package dev.botwebhooks.admin;

/** Who sent an admin API request: the platform admin, or the holder of one bot's API key. */
sealed interface Caller {

    record PlatformAdmin() implements Caller {
    }

    record BotKey(long botId) implements Caller {
    }
}

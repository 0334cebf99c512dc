package dev.botwebhooks.bot;

import java.time.Instant;

/** A bot as the webhook path needs it: its secret keys URL signatures, its settings steer admission. */
public record Bot(long id, String name, byte[] webhookSecret, BotSettings settings, Instant createdAt) {
}

package dev.botwebhooks.bot;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** A bot as the webhook path needs it: its secret keys URL signatures, its settings steer admission. */
public record Bot(long id, String name, byte[] webhookSecret, JsonNode settings, Instant createdAt) {
}

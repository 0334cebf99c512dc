package dev.botwebhooks.message;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** A message in a bot's outbox, as the messages API lists it. */
public record StoredMessage(long id, Long callId, Long userId, String chatId, String text, JsonNode options,
        String status, Instant createdAt) {
}

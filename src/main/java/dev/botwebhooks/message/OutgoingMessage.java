package dev.botwebhooks.message;

import tools.jackson.databind.JsonNode;

/**
 * A message a run sends to a user's chat; stored in the outbox with the run's commit.
 * {@code options} holds the extra sendMessage options (parse_mode, ...) as a JSON object, never null.
 */
public record OutgoingMessage(Long userId, String chatId, String text, JsonNode options) {
}

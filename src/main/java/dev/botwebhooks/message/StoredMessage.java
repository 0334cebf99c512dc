package dev.botwebhooks.message;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A message in a bot's outbox, as the messages API lists it.
 *
 * @param method   the Telegram Bot API method: sendMessage, or what a script called through {@code Api}
 * @param status   pending (to be sent), sent, failed (for good; see {@code error}) or stored (the bot has no
 *                 chat token: chat log only)
 * @param attempts sends tried
 * @param lastError why the last send failed (the chat API's answer), or why the message failed
 * @param nextAttemptAt when a pending message is sent next (after a failed send, its backoff); null otherwise
 */
public record StoredMessage(long id, Long callId, Long userId, String chatId, String text, JsonNode options,
        String method, String status, int attempts, String lastError, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {
}

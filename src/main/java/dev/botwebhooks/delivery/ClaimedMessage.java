package dev.botwebhooks.delivery;

import tools.jackson.databind.JsonNode;

/**
 * The oldest pending message of a chat, claimed for sending.
 *
 * @param token    the bot's chat token now; null when it has none
 * @param attempts sends tried so far, this one included
 */
record ClaimedMessage(long id, long botId, String chatId, String text, JsonNode options, int attempts, String token) {
}

package dev.botwebhooks.delivery;

import tools.jackson.databind.JsonNode;

/**
 * The oldest pending call of a chat (a message, or another API method), claimed for sending.
 *
 * @param token    the bot's chat token now; null when it has none
 * @param attempts sends tried so far, this one included
 * @param callId   the call whose run sent it, null for none (on_result jobs name it as their origin)
 * @param onResult the command run with the API's answer when it succeeds, null for none
 * @param onError  the command run with the API's answer when it refuses the call, null for none
 */
record ClaimedMessage(long id, long botId, Long callId, Long userId, String chatId, String text, JsonNode options,
        String method, String onResult, String onError, int attempts, String token) {
}

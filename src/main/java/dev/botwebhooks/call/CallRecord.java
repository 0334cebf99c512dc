package dev.botwebhooks.call;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One webhook call as the bot's owner sees it in the call log: the request, the answer, and the
 * full error of a failed run (callers only ever see its short form). Bodies are the exact bytes.
 * A call started by {@code Bot.run} has no method, URL or request.
 */
public record CallRecord(
        long id,
        long botId,
        String command,
        Long userId,
        String method,
        String url,
        String ip,
        JsonNode requestHeaders,
        byte[] requestBody,
        int status,
        byte[] responseBody,
        String errorKind,
        String error,
        Integer cpuMs,
        int durationMs,
        Instant receivedAt,
        CallOrigin origin) {
}

package dev.botwebhooks.call;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One webhook call as the bot's owner sees it in the call log: the request, the answer, and the
 * full error of a failed run (callers only ever see its short form). Bodies are the exact bytes.
 * A call started by {@code Bot.run} has no method, URL or request.
 *
 * @param replayOf       the call this one ran again ({@code POST .../calls/{id}/replay}), null otherwise
 * @param propertyWrites the properties its run wrote, as {@code run.PropertyWrites} keeps them; null for none
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
        CallOrigin origin,
        Long replayOf,
        JsonNode propertyWrites) {

    /** A call as a run records it; only a replay links to another call, after the insert. */
    public CallRecord(long id, long botId, String command, Long userId, String method, String url, String ip,
            JsonNode requestHeaders, byte[] requestBody, int status, byte[] responseBody, String errorKind, String error,
            Integer cpuMs, int durationMs, Instant receivedAt, CallOrigin origin) {
        this(id, botId, command, userId, method, url, ip, requestHeaders, requestBody, status, responseBody, errorKind,
                error, cpuMs, durationMs, receivedAt, origin, null, null);
    }

    /** A run's call, with the properties it wrote. */
    public CallRecord(long id, long botId, String command, Long userId, String method, String url, String ip,
            JsonNode requestHeaders, byte[] requestBody, int status, byte[] responseBody, String errorKind, String error,
            Integer cpuMs, int durationMs, Instant receivedAt, CallOrigin origin, JsonNode propertyWrites) {
        this(id, botId, command, userId, method, url, ip, requestHeaders, requestBody, status, responseBody, errorKind,
                error, cpuMs, durationMs, receivedAt, origin, null, propertyWrites);
    }
}

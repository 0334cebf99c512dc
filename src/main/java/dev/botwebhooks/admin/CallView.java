package dev.botwebhooks.admin;

import dev.botwebhooks.call.CallRecord;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A call of the call log as the API shows it: a body that is UTF-8 text is shown as text, any
 * other body as base64 in the {@code *_base64} field, so nothing is lost or mangled. {@code origin} is
 * {@code webhook} or {@code bot_run} (a job of {@code Bot.run}: no method, URL or request). {@code errorStack} is
 * the script's stack of a failed run, also part of {@code error}.
 */
record CallView(long id, String origin, String command, Long userId, String method, String url, String ip, JsonNode requestHeaders,
        String requestBody, String requestBodyBase64, int status, String responseBody, String responseBodyBase64,
        String errorKind, String error, String errorStack, Integer cpuMs, int durationMs, Instant receivedAt, Long replayOf) {

    static CallView of(CallRecord call) {
        String request = text(call.requestBody());
        String response = text(call.responseBody());
        return new CallView(call.id(), call.origin().wireName(), call.command(), call.userId(), call.method(), call.url(), call.ip(),
                call.requestHeaders(), request, base64Unless(request, call.requestBody()), call.status(), response,
                base64Unless(response, call.responseBody()), call.errorKind(), call.error(), stackOf(call.error()), call.cpuMs(),
                call.durationMs(), call.receivedAt(), call.replayOf());
    }

    /**
     * The script's stack (or, for code that does not parse, the line that does not): what the engine stored
     * after the error's first line, at most its {@code STACK_FRAMES} frames. Null when there is none.
     */
    static String stackOf(String error) {
        int newline = error == null ? -1 : error.indexOf('\n');
        if (newline < 0) {
            return null;
        }
        String stack = error.substring(newline + 1).strip();
        return stack.isEmpty() ? null : stack;
    }

    private static String text(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException binary) {
            return null;
        }
    }

    private static String base64Unless(String text, byte[] body) {
        return body == null || text != null ? null : Base64.getEncoder().encodeToString(body);
    }
}

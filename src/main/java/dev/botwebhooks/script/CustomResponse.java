package dev.botwebhooks.script;

import java.util.Map;

/** The response a script chose with {@code WebApp.render}, sent instead of the JSON answer. */
public record CustomResponse(int status, String contentType, Map<String, String> headers, String body) {
}

package dev.botwebhooks.run;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** The request that started a run, as the call log keeps it. */
public record CallContext(String method, String url, String ip, JsonNode headers, byte[] body, Instant receivedAt,
        long startNanos) {
}

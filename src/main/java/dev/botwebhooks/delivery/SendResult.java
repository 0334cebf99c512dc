package dev.botwebhooks.delivery;

import tools.jackson.databind.JsonNode;

import java.time.Duration;

/** What the chat API said about one call. */
sealed interface SendResult {

    /** @param answer the API's answer ({@code {ok: true, result: ...}}), given to the call's on_result command */
    record Sent(JsonNode answer) implements SendResult {
    }

    /** 429: wait {@code retryAfter} (the API's {@code parameters.retry_after}, else the Retry-After header). */
    record RateLimited(Duration retryAfter) implements SendResult {
    }

    /** The API refused the message for good (400, 403, ...): sending it again would not help. */
    /** @param answer the API's answer ({@code {ok: false, error_code, description}}), given to its on_error command */
    record Refused(String reason, JsonNode answer) implements SendResult {
    }

    /** The API could not be reached or failed (5xx, timeout): try again later. */
    record Unavailable(String reason) implements SendResult {
    }
}

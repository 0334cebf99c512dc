package dev.botwebhooks.delivery;

import java.time.Duration;

/** What the chat API said about one message. */
sealed interface SendResult {

    record Sent() implements SendResult {
    }

    /** 429: wait {@code retryAfter} (the API's {@code parameters.retry_after}, else the Retry-After header). */
    record RateLimited(Duration retryAfter) implements SendResult {
    }

    /** The API refused the message for good (400, 403, ...): sending it again would not help. */
    record Refused(String reason) implements SendResult {
    }

    /** The API could not be reached or failed (5xx, timeout): try again later. */
    record Unavailable(String reason) implements SendResult {
    }
}

package dev.botwebhooks.job;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A job of {@code Bot.run} as the admin API lists it.
 *
 * @param status        pending, done, failed (script error, or given up after retries) or cancelled
 * @param createdByCall the call that scheduled it
 * @param callId        the call it ran as, once it ran
 */
public record JobView(long id, String command, Long userId, JsonNode options, String label, Instant runAt,
        String status, int attempts, Long createdByCall, Long callId, String error, Instant createdAt,
        Instant finishedAt) {
}

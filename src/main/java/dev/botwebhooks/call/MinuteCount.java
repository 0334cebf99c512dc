package dev.botwebhooks.call;

import java.time.Instant;

/**
 * How many of a bot's calls in one minute ended in one class of status.
 *
 * @param minute      the minute's start, UTC
 * @param statusClass {@code 2xx}, {@code 3xx}, {@code 4xx} or {@code 5xx}
 */
public record MinuteCount(Instant minute, String statusClass, long count) {
}

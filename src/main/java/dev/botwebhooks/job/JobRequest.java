package dev.botwebhooks.job;

import tools.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * A buffered {@code Bot.run} call: committed with the run, executed {@code delay} after the commit.
 *
 * @param commandLine the command to run, e.g. {@code "/userCommand"} or {@code "/onPay 42"}
 * @param options     what the command sees as {@code options}; null when none was given
 * @param userId      the user the command runs for; null for none
 * @param label       names the job for {@code Bot.clearRunAfter}; null for none
 */
public record JobRequest(String commandLine, JsonNode options, Long userId, String label, Duration delay) {
}

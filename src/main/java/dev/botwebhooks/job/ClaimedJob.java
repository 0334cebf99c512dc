package dev.botwebhooks.job;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

/**
 * A due job this replica claimed.
 *
 * @param claim    names this claim; completing or rescheduling the job requires it still to be ours
 * @param attempts how many times the job has been claimed, this claim included
 * @param lag      how late it starts: claim time minus the time it was due
 * @param content  what the command sees as {@code content}: an HTTP callback's response body; null for a Bot.run job
 * @param runAllTaskId the {@code Bot.runAll} task that handed the job out (its run is a recipient's); null for none
 */
public record ClaimedJob(long id, long botId, String command, Long userId, JsonNode options, UUID claim, int attempts,
        Duration lag, String content, Long runAllTaskId) {
}

package dev.botwebhooks.broadcast;

import tools.jackson.databind.node.ObjectNode;

/**
 * A buffered {@code Bot.runAll} call: the task is created with the run's commit (a failed run creates none).
 *
 * @param command  the command each chat's run calls, e.g. {@code "/broadcast"}
 * @param options  what each run sees as {@code options}, plus {@code options.task}; null when none was given
 * @param onCreate the command run (as a job, for the calling user) once the task exists, with
 *                 {@code options.run_all_task}; null for none
 */
public record RunAllRequest(String command, ForChats forChats, ObjectNode options, String onCreate) {
}

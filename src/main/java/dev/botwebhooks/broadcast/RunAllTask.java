package dev.botwebhooks.broadcast;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A task as BJS reads it ({@code new RunAllTask({id})}, {@code options.run_all_task} of {@code on_create}).
 *
 * @param status      {@code new}, {@code in progress} or {@code finished} (every chat's job handed out and ended)
 * @param total       the chats the task goes to: the bot's users when it was created (0 for the group kinds)
 * @param curPosition the chats gone through: handed out as jobs, or left out because the bot blocked them
 * @param errorsCount the task's jobs that failed (a script error, or refused: the user or command went away)
 */
public record RunAllTask(long id, String command, ForChats forChats, String status, long total, long curPosition,
        long errorsCount, Instant createdAt, Instant finishedAt) {

    public static final String FINISHED = "finished";

    /** BB's {@code progress}: the percentage of the chats gone through, 100 once finished. */
    public int progress() {
        if (FINISHED.equals(status)) {
            return 100;
        }
        return total <= 0 ? 0 : (int) Math.min(100, curPosition * 100 / total);
    }

    /** The task with BB's field names; times as ISO-8601 text. */
    public ObjectNode toJson() {
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.put("id", id);
        task.put("status", status);
        task.put("progress", progress());
        task.put("total", total);
        task.put("cur_position", curPosition);
        task.put("errors_count", errorsCount);
        task.put("command", command);
        task.put("for_chats", forChats.wireName());
        task.put("created_at", createdAt == null ? null : createdAt.toString());
        task.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        return task;
    }
}

package dev.botwebhooks.script;

import java.time.Duration;

/**
 * Per-run limits of the sandbox (bound from {@code webhooks.script.*}).
 *
 * @param cpuTime           CPU time a run may use (checked by the instruction observer)
 * @param wallTime          elapsed time a run may take
 * @param maxAllocatedBytes bytes a run may allocate (per-thread allocation counter)
 * @param maxStackDepth     interpreter frames (JavaScript call depth)
 * @param maxMessages       Bot.sendMessage calls per run
 * @param maxMessageChars   characters in one message
 * @param maxPropertyBytes  serialized size of one property value
 * @param maxPropertyWrites property writes per run
 * @param maxAnswerBytes    UTF-8 bytes of the HTTP answer a run chooses with WebApp.render
 */
public record ScriptLimits(
        Duration cpuTime,
        Duration wallTime,
        long maxAllocatedBytes,
        int maxStackDepth,
        int maxMessages,
        int maxMessageChars,
        int maxPropertyBytes,
        int maxPropertyWrites,
        int maxAnswerBytes) {

    /** The answer limit of the configuration's default, 1 MiB. */
    public ScriptLimits(Duration cpuTime, Duration wallTime, long maxAllocatedBytes, int maxStackDepth, int maxMessages,
            int maxMessageChars, int maxPropertyBytes, int maxPropertyWrites) {
        this(cpuTime, wallTime, maxAllocatedBytes, maxStackDepth, maxMessages, maxMessageChars, maxPropertyBytes,
                maxPropertyWrites, 1 << 20);
    }
}

package dev.botwebhooks.script;

/**
 * A buffered {@code Bot.clearRunAfter} call: cancels the bot's pending jobs with {@code label},
 * or all of them when {@code label} is null.
 */
public record RunClearance(String label) {

    public boolean matches(ScheduledRun run) {
        return label == null || label.equals(run.label());
    }
}

package dev.botwebhooks.job;


/**
 * A buffered {@code Bot.clearRunAfter} call: cancels the bot's pending jobs with {@code label},
 * or all of them when {@code label} is null.
 */
public record JobCancellation(String label) {

    public boolean matches(JobRequest run) {
        return label == null || label.equals(run.label());
    }
}

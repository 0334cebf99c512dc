package dev.botwebhooks.run;

/**
 * Published after a run's transaction committed, so that this replica's workers look for the new
 * messages, jobs, HTTP requests and run-all tasks at once instead of at their next poll.
 */
public record RunCommitted(long botId, int messages, int jobs, int httpRequests, int runAllTasks) {

    public RunCommitted(long botId, int messages, int jobs, int httpRequests) {
        this(botId, messages, jobs, httpRequests, 0);
    }
}

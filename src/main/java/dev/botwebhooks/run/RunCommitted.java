package dev.botwebhooks.run;

/**
 * Published after a run's transaction committed, so that this replica's workers look for the new
 * messages, jobs and HTTP requests at once instead of at their next poll.
 */
public record RunCommitted(long botId, int messages, int jobs, int httpRequests) {
}

package dev.botwebhooks.job;

/** A job to store, with the bot and the call that asked for it. */
public record NewJob(long botId, long callId, JobRequest job) {
}

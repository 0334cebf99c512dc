package dev.botwebhooks.broadcast;

/**
 * A task to store, with the bot and the call that asked for it.
 *
 * @param userId the calling run's user, for whom {@code on_create} runs; null on a global webhook
 */
public record NewRunAllTask(long botId, long callId, Long userId, RunAllRequest request) {
}

package dev.botwebhooks.httprequest;

/** A request to store, with the bot, the call and the user of the run that asked for it. */
public record NewHttpRequest(long botId, long callId, Long userId, ScriptHttpRequest request) {
}

package dev.botwebhooks.message;

/** A message to store, with the bot and the call (null for none) that sent it. */
public record NewMessage(long botId, Long callId, OutgoingMessage message) {
}

package dev.botwebhooks.idempotency;

/**
 * A delivery id within its bot and scope. The scope is the URL's command line and user, so one
 * provider event sent to two of the bot's URLs runs each of them once.
 */
record DeliveryKey(long botId, String scope, String key) {
}

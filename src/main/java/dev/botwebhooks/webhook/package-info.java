/** Webhook URLs: signing and verifying them, and the {@code /v1/bots/{botId}/new-webhook} endpoint. */
package dev.botwebhooks.webhook;

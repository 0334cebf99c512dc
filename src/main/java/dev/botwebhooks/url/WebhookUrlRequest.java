package dev.botwebhooks.url;

/**
 * What a webhook URL is made of (Libs.Webhooks.getUrlFor and the admin API).
 * {@code userId} null = a global (bot-level) webhook; {@code redirectTo} null or empty = no redirect;
 * {@code expiresInSeconds} null = the URL never expires.
 */
public record WebhookUrlRequest(String command, String content, Long userId, String redirectTo, Long expiresInSeconds) {
}

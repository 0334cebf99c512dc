package dev.botwebhooks.url;

/**
 * What a webhook URL is made of (Libs.Webhooks.getUrlFor, WebApp.getUrl and the admin API).
 * {@code userId} null = a global (bot-level) webhook; {@code redirectTo} null or empty = no redirect;
 * {@code expiresInSeconds} null = the URL never expires; {@code options} (JSON) null = the command sees the request
 * as {@code options}, else it sees these (a WebApp URL).
 */
public record WebhookUrlRequest(String command, String content, Long userId, String redirectTo, Long expiresInSeconds,
        String options) {

    public WebhookUrlRequest(String command, String content, Long userId, String redirectTo, Long expiresInSeconds) {
        this(command, content, userId, redirectTo, expiresInSeconds, null);
    }
}

package dev.botwebhooks.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.net.URI;

/**
 * The chat API that outbox messages of bots with a {@code telegram_token} go to.
 *
 * @param apiBaseUrl      a Telegram-Bot-API-compatible server; messages are POSTed to {@code {it}/bot{token}/sendMessage}
 * @param connectTimeout  connecting to it
 * @param responseTimeout waiting for its answer
 */
@ConfigurationProperties("webhooks.telegram")
public record TelegramProperties(
        @DefaultValue("https://api.telegram.org") URI apiBaseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration responseTimeout) {
}

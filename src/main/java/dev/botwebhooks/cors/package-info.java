/**
 * CORS per bot: which web pages may call a bot's webhooks with {@code fetch} and read the answer. The
 * matching is Spring's {@code CorsConfiguration}; the {@code cors} bot setting says what it allows.
 */
package dev.botwebhooks.cors;

package dev.botwebhooks.metrics;

import java.util.Locale;

/** Why a webhook was not run, or not run to the end: the {@code reason} tag of {@code webhook.rejections}. */
public enum Rejection {
    BAD_SIGNATURE,
    EXPIRED,
    METHOD_NOT_ALLOWED,
    MALFORMED,
    BODY_TOO_LARGE,
    /** Netty answered 414: the request line was over webhooks.ingress.max-initial-line-length. */
    REQUEST_LINE_TOO_LONG,
    /** Netty answered 431: the headers were over webhooks.ingress.max-header-size. */
    HEADERS_TOO_LARGE,
    /** Disconnected (headers not in within header-timeout) or 408 (a body slower than read- or request-timeout). */
    SLOW_CLIENT,
    IP_NOT_ALLOWED,
    BANNED,
    RATE_LIMITED,
    OVERLOADED,
    UNAVAILABLE,
    UNKNOWN_COMMAND,
    SCRIPT_LIMIT,
    /** The bot's payment-provider signature is missing, wrong or stale. */
    INVALID_PROVIDER_SIGNATURE,
    /** A chat app's link preview or a HEAD request: answered with a small page, the command not run. */
    LINK_PREVIEW,
    /** A connection past webhooks.ingress.max-connections: answered 503 with Retry-After and closed. */
    TOO_MANY_CONNECTIONS,
    /** A CORS preflight from an origin, method or header the bot's cors setting does not allow. */
    CORS_REFUSED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

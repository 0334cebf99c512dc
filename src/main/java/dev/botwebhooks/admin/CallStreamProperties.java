package dev.botwebhooks.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The live tail of the call log ({@code GET /api/v1/bots/{botId}/calls/stream}).
 *
 * @param maxPerBot    streams open at once for one bot on this replica; more are answered 503
 * @param maxTotal     streams open at once on this replica, all bots together; more are answered 503
 * @param heartbeat    how often an idle stream sends a comment, so proxies and browsers keep it open
 * @param pollInterval how often a stream looks for newly committed calls (the delay before a call shows)
 * @param lookback     how far back each poll looks for calls received earlier that have just committed
 * @param maxDuration  how long one stream lasts; the console then opens another
 */
@ConfigurationProperties("webhooks.call-stream")
public record CallStreamProperties(
        @DefaultValue("4") int maxPerBot,
        @DefaultValue("64") int maxTotal,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lookback,
        @DefaultValue("30m") Duration maxDuration) {
}

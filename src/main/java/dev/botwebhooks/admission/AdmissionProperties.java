package dev.botwebhooks.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Who may run a bot's webhooks, checked after the signature.
 *
 * @param trustedProxies  CIDRs whose X-Forwarded-For / Forwarded headers are believed
 * @param banExemptIps    addresses and CIDRs the ban filter never bans, for every bot
 * @param banThreshold    bad requests (bad signature, unknown bot, malformed, expired...) one address may send in
 *                        {@code banWindow}, to all bots together; answered requests never count
 * @param banWindow       the window {@code banThreshold} counts in
 * @param banDuration     how long an address that went over is refused with 429
 * @param maxTrackedIps   addresses the ban filter remembers (least recently seen are forgotten)
 */
@ConfigurationProperties("webhooks.admission")
public record AdmissionProperties(
        @DefaultValue List<String> trustedProxies,
        @DefaultValue List<String> banExemptIps,
        @DefaultValue("1000") long banThreshold,
        @DefaultValue("10s") Duration banWindow,
        @DefaultValue("60s") Duration banDuration,
        @DefaultValue("100000") long maxTrackedIps) {
}

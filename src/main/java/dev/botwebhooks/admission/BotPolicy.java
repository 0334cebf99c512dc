package dev.botwebhooks.admission;

import dev.botwebhooks.bot.BotSetting;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A bot's admission settings ({@code allowed_ips}, {@code ban_exempt_ips}, {@code rate_limit}), parsed once
 * per loaded bot. They were validated by the admin API; one that does not parse fails closed.
 *
 * @param restricted whether {@code allowed} limits the callers; false when the bot has no allowlist
 * @param rateLimit  null when the bot names none: it is not rate limited (the worker queues and the bound on
 *                   webhooks in flight protect the service's capacity)
 */
record BotPolicy(boolean restricted, IpRanges allowed, IpRanges banExempt, RateLimiter.RateLimit rateLimit) {

    static final BotSetting<BotPolicy> SETTING = new BotSetting<>(null, BotPolicy::of);

    static BotPolicy of(JsonNode settings) {
        JsonNode allowlist = settings.get("allowed_ips");
        boolean restricted = allowlist != null && allowlist.isArray() && !allowlist.isEmpty();
        return new BotPolicy(restricted, ranges(allowlist), ranges(settings.get("ban_exempt_ips")),
                rateLimit(settings.get("rate_limit")));
    }

    /** Throws {@link IllegalArgumentException} for an entry that is not an address or CIDR block. */
    private static IpRanges ranges(JsonNode list) {
        if (list == null || !list.isArray()) {
            return IpRanges.NONE;
        }
        List<String> entries = new ArrayList<>(list.size());
        list.forEach(entry -> entries.add(entry.asString()));
        return IpRanges.parse(entries);
    }

    private static RateLimiter.RateLimit rateLimit(JsonNode limit) {
        if (limit == null || !limit.isObject() || !limit.path("per_second").isNumber()
                || limit.get("per_second").asDouble() <= 0) {
            return null;
        }
        double perSecond = limit.get("per_second").asDouble();
        JsonNode burst = limit.get("burst");
        // Without a burst, one second's worth of requests may come at once.
        long size = burst != null && burst.isIntegralNumber() && burst.asLong() >= 1 ? burst.asLong()
                : Math.max(1, (long) Math.ceil(perSecond));
        return new RateLimiter.RateLimit(perSecond, size);
    }
}

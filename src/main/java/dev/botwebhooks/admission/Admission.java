package dev.botwebhooks.admission;

import dev.botwebhooks.cache.CacheProperties;
import dev.botwebhooks.cluster.LiveReplicas;
import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotSetting;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Decides whether a verified webhook call may run, cheapest refusal first: the bot's IP
 * allowlist (403), the ban filter across all bots (429), the bot's own rate limit if it names one
 * (429). Bad requests count toward a ban through {@link #strike}. CPU and memory only, so it runs on
 * the Netty thread. The limits hold for the whole deployment: this replica applies its {@link ReplicaShare}
 * of them.
 */
@Component
public class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ClientIps clientIps;
    private final IpRanges globalBanExempt;
    private final BanFilter banFilter;
    private final RateLimiter rateLimiter;
    private final ReplicaShare share;
    private final Rejections rejections;

    @Autowired
    Admission(AdmissionProperties properties, CacheProperties cache, Rejections rejections, LiveReplicas replicas) {
        this(properties, cache, rejections, new ReplicaShare(replicas::count), TimeMeter.SYSTEM_NANOTIME);
    }

    Admission(AdmissionProperties admission, CacheProperties cache, Rejections rejections, ReplicaShare share,
            TimeMeter time) {
        this.clientIps = new ClientIps(IpRanges.parse(admission.trustedProxies()));
        this.globalBanExempt = IpRanges.parse(admission.banExemptIps());
        this.share = share;
        this.banFilter = new BanFilter(() -> share.ofThreshold(admission.banThreshold()), admission.banWindow(),
                admission.banDuration(), admission.maxTrackedIps(), time);
        this.rateLimiter = new RateLimiter(cache.maxBots(), time);
        this.rejections = rejections;
    }

    public AdmissionDecision admit(Bot bot, ServerHttpRequest request) {
        IPAddress client = clientIps.resolve(socketAddress(request),
                headers(request, "Forwarded"), headers(request, "X-Forwarded-For"));
        BotPolicy policy = policy(bot);
        if (policy.restricted() && !policy.allowed().contains(client)) {
            return refused(403, Rejection.IP_NOT_ALLOWED, "this address may not call this webhook", 0);
        }
        if (client != null && !globalBanExempt.contains(client) && !policy.banExempt().contains(client)) {
            long banned = banFilter.banNanos(client.toCanonicalString());
            if (banned > 0) {
                return refused(429, Rejection.BANNED, "too many requests from this address", banned);
            }
        }
        long wait = policy.rateLimit() == null ? 0 : rateLimiter.waitNanos(bot.id(), share.of(policy.rateLimit()));
        if (wait > 0) {
            return refused(429, Rejection.RATE_LIMITED, "rate limit of this bot exceeded", wait);
        }
        return new AdmissionDecision.Admitted(client == null ? null : client.toCanonicalString());
    }

    /**
     * Counts a request a legitimate caller does not make (bad signature, unknown bot, malformed, expired, wrong
     * method, invalid provider signature) toward banning its address; {@code bot} is null when none was found.
     */
    public void strike(Bot bot, ServerHttpRequest request) {
        IPAddress client = clientIps.resolve(socketAddress(request),
                headers(request, "Forwarded"), headers(request, "X-Forwarded-For"));
        if (client == null || globalBanExempt.contains(client)) {
            return;
        }
        if (bot != null && policy(bot).banExempt().contains(client)) {
            return;
        }
        banFilter.strike(client.toCanonicalString());
    }

    private BotPolicy policy(Bot bot) {
        BotSetting.Parsed<BotPolicy> policy = bot.settings().get(BotPolicy.SETTING);
        if (policy instanceof BotSetting.Parsed.Valid<BotPolicy> valid) {
            return valid.value();
        }
        // The admin API validates settings, so this is a stored value from elsewhere: fail closed.
        log.error("bot {} has unreadable admission settings ({}); refusing its webhooks", bot.id(),
                ((BotSetting.Parsed.Invalid<BotPolicy>) policy).reason());
        return new BotPolicy(true, IpRanges.NONE, IpRanges.NONE, null);
    }

    private AdmissionDecision refused(int status, Rejection reason, String message, long waitNanos) {
        rejections.count(reason);
        Integer retryAfter = status == 429 ? retryAfterSeconds(waitNanos) : null;
        return new AdmissionDecision.Refused(status, reason, message, retryAfter);
    }

    /** Whole seconds, rounded up, at least 1: a caller retrying then will find a token. */
    static int retryAfterSeconds(long waitNanos) {
        long seconds = (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
    }

    private static List<String> headers(ServerHttpRequest request, String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? List.of() : values;
    }

    static {
        // Loads the address classes at startup rather than on an event loop with the first request.
        new IPv4Address(new byte[4]).toCanonicalString();
        new IPv6Address(new byte[16]).isIPv4Mapped();
    }

    /** The caller's address as admission sees it (trusted proxies applied), for a request that is not admitted. */
    public String clientIp(ServerHttpRequest request) {
        IPAddress client = clientIps.resolve(socketAddress(request),
                headers(request, "Forwarded"), headers(request, "X-Forwarded-For"));
        return client == null ? null : client.toCanonicalString();
    }

    private static IPAddress socketAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address instanceof Inet4Address v4) {
            return new IPv4Address(v4);
        }
        if (address instanceof Inet6Address v6) {
            // The bytes only: a link-local zone (%eth0) would never match a configured block.
            IPv6Address ipv6 = new IPv6Address(v6.getAddress());
            return ipv6.isIPv4Mapped() ? ipv6.getEmbeddedIPv4Address() : ipv6;
        }
        return null;
    }
}

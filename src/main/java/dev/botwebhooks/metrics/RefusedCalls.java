package dev.botwebhooks.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook calls each bot's URLs refused (bad signature, expired, rate-limited, banned...): counts by reason
 * since this replica started, and the last few. In memory and bounded (bots tracked, calls kept per bot), so a
 * flood of refusals costs no database write; a restart forgets them. Without it an author whose provider holds
 * a rotated or tampered URL sees nothing at all: the call never reaches the call log.
 * <p>
 * Each refusal is also logged, at most one line per bot per interval, counting the ones in between.
 */
@Component
public class RefusedCalls {

    public static final int DEFAULT_MAX_RECENT = 50;
    public static final int DEFAULT_MAX_BOTS = 10_000;
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RefusedCalls.class);

    private final int maxRecent;
    private final Clock clock;
    private final Cache<Long, BotRefusals> bots;

    @Autowired
    RefusedCalls(Clock clock) {
        this(DEFAULT_MAX_BOTS, DEFAULT_MAX_RECENT, clock);
    }

    RefusedCalls(int maxBots, int maxRecent, Clock clock) {
        this.maxRecent = maxRecent;
        this.clock = clock;
        this.bots = Caffeine.newBuilder().maximumSize(maxBots).executor(Runnable::run).build();
    }

    /** Counts and keeps one refusal; CPU only, so the Netty thread records it. */
    public void record(long botId, Rejection reason, String ip, String method, String pathWithoutSig) {
        RefusedCall call = new RefusedCall(clock.instant(), reason, ip, method, pathWithoutSig);
        long suppressed = bots.get(botId, id -> new BotRefusals()).add(call, maxRecent, LOG_INTERVAL);
        if (suppressed >= 0) {
            log.warn("bot {}: webhook refused ({}) {} {} from {}{}", botId, reason.tag(), method, pathWithoutSig, ip,
                    suppressed == 0 ? "" : " (" + suppressed + " more refusals since the last such line)");
        }
    }

    /** The bot's counts (every reason, zero included) and its last refusals, newest first. */
    public Summary of(long botId) {
        BotRefusals refusals = bots.getIfPresent(botId);
        return refusals == null ? new BotRefusals().summary() : refusals.summary();
    }

    public record Summary(Map<Rejection, Long> counts, List<RefusedCall> recent) {
    }

    private static final class BotRefusals {

        private final Map<Rejection, Long> counts = new EnumMap<>(Rejection.class);
        private final ArrayDeque<RefusedCall> recent = new ArrayDeque<>();
        private Instant lastLogged;
        private long notLogged;

        /** The refusals not logged since the last line when this one is to be logged, else -1. */
        synchronized long add(RefusedCall call, int maxRecent, Duration logInterval) {
            counts.merge(call.reason(), 1L, Long::sum);
            recent.addFirst(call);
            while (recent.size() > maxRecent) {
                recent.removeLast();
            }
            if (lastLogged != null && call.at().isBefore(lastLogged.plus(logInterval))) {
                notLogged++;
                return -1;
            }
            long suppressed = notLogged;
            lastLogged = call.at();
            notLogged = 0;
            return suppressed;
        }

        synchronized Summary summary() {
            Map<Rejection, Long> all = new EnumMap<>(Rejection.class);
            for (Rejection reason : Rejection.values()) {
                all.put(reason, counts.getOrDefault(reason, 0L));
            }
            return new Summary(all, List.copyOf(new ArrayList<>(recent)));
        }
    }
}

package dev.botwebhooks.call;

import dev.botwebhooks.logging.ThrottledLog;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows one bot's call log as calls commit, on every replica alike: the console's live tail.
 * <p>
 * Polled rather than announced: a NOTIFY per call would add a statement, and PostgreSQL's commit-time lock on its
 * notification queue, to every group commit of the webhook path whether anybody watches or not (and the change feed's
 * listening connection is optional); a poll costs one indexed query per open stream per interval, and nothing when
 * no stream is open, which the stream caps bound. Not by an id cursor either: ids come in blocks per replica and
 * commit out of order, so a cursor would skip a call with a smaller id that commits later. Each poll lists the ids
 * received within {@code lookback} (longer than a run takes to commit) and emits the calls it has not shown.
 */
@Component
public class CallTail {

    private static final ThrottledLog failures = new ThrottledLog(LoggerFactory.getLogger(CallTail.class), Duration.ofMinutes(1));
    /** Ids compared per poll; a bot receiving more within the lookback has its oldest ones left to the list. */
    private static final int WINDOW = 500;
    /** Calls loaded per poll; more wait for the next one. */
    private static final int MAX_PER_POLL = 100;

    private final CallRepository calls;
    private final Clock clock;

    CallTail(CallRepository calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** The calls of {@code botId} that commit from now on, oldest first, polled every {@code every}. */
    public Flux<CallRecord> follow(long botId, Duration every, Duration lookback) {
        return Flux.defer(() -> {
            Shown shown = new Shown();
            return Flux.interval(Duration.ZERO, every)
                    .onBackpressureDrop()
                    .concatMap(tick -> poll(botId, lookback, shown));
        });
    }

    /** What one stream has shown; touched by one poll at a time (concatMap). */
    private static final class Shown {
        final Set<Long> ids = new HashSet<>();
        boolean primed;
    }

    private Flux<CallRecord> poll(long botId, Duration lookback, Shown shown) {
        return calls.idsReceivedSince(botId, clock.instant().minus(lookback), WINDOW).collectList()
                .flatMapMany(ids -> {
                    // Ids that left the window are never listed again: forgetting them keeps the set bounded.
                    shown.ids.retainAll(ids);
                    if (!shown.primed) {
                        // What committed before the stream opened is the list's, not the tail's.
                        shown.ids.addAll(ids);
                        shown.primed = true;
                        return Flux.empty();
                    }
                    List<Long> fresh = ids.stream().filter(id -> !shown.ids.contains(id)).sorted().limit(MAX_PER_POLL).toList();
                    shown.ids.addAll(fresh);
                    return calls.findAll(botId, fresh);
                })
                .onErrorResume(error -> {
                    // The stream outlives a database hiccup: the next poll catches up within the lookback.
                    failures.error("live tail of bot {} could not poll the call log", error, botId);
                    return Flux.empty();
                });
    }
}

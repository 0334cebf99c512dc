package dev.botwebhooks.call;

import dev.botwebhooks.scheduling.RetentionSweep;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Deletes call records older than {@code webhooks.calls.retention}, so the call log (request and
 * answer bodies included) does not grow for ever.
 */
@Component
class CallLogRetention extends RetentionSweep {

    private final CallRepository calls;
    private final Clock clock;
    private final CallLogProperties config;

    CallLogRetention(CallRepository calls, Clock clock, CallLogProperties config) {
        super("call log retention sweep", config.cleanupInterval(), config.cleanupBatch());
        this.calls = calls;
        this.clock = clock;
        this.config = config;
    }

    @Override
    protected Mono<Long> deleteBatch(int limit) {
        return calls.deleteReceivedBefore(clock.instant().minus(config.retention()), limit);
    }
}

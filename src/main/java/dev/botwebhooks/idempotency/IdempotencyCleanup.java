package dev.botwebhooks.idempotency;

import dev.botwebhooks.scheduling.RetentionSweep;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;

/** Deletes stored answers past their retention ({@code webhooks.idempotency.retention}). */
@Component
class IdempotencyCleanup extends RetentionSweep {

    private final IdempotencyStore store;
    private final Clock clock;

    IdempotencyCleanup(IdempotencyStore store, Clock clock, IdempotencyProperties config) {
        super("idempotency cleanup", config.cleanupInterval(), config.cleanupBatch());
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected Mono<Long> deleteBatch(int limit) {
        return store.deleteExpired(clock.instant(), limit);
    }
}

package dev.botwebhooks.idempotency;

import dev.botwebhooks.config.WebhooksProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Deletes answers past their retention, in bounded batches, on a timer. R2DBC all the way, so no
 * thread ever blocks; replicas share the work ({@code SKIP LOCKED}).
 */
@Component
class IdempotencyCleanup {

    /** Batches per tick, so one tick after a long outage cannot run for ever. */
    static final int MAX_BATCHES_PER_TICK = 100;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final WebhooksProperties.Idempotency config;
    private Disposable timer;

    IdempotencyCleanup(IdempotencyStore store, Clock clock, WebhooksProperties properties) {
        this.store = store;
        this.clock = clock;
        this.config = properties.idempotency();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer = Flux.interval(config.cleanupInterval(), config.cleanupInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(error -> {
                    log.warn("idempotency cleanup failed; the next tick tries again", error);
                    return Mono.just(0L);
                }), 1)
                .subscribe();
    }

    /** Deletes expired answers, batch after batch while batches come back full; the number deleted. */
    Mono<Long> sweep() {
        return sweep(MAX_BATCHES_PER_TICK);
    }

    private Mono<Long> sweep(int batchesLeft) {
        return store.deleteExpired(clock.instant(), config.cleanupBatch()).flatMap(deleted ->
                deleted == config.cleanupBatch() && batchesLeft > 1
                        ? sweep(batchesLeft - 1).map(more -> more + deleted)
                        : Mono.just(deleted));
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.dispose();
        }
    }
}

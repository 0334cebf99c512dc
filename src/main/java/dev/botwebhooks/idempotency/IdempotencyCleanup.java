package dev.botwebhooks.idempotency;

import dev.botwebhooks.scheduling.PeriodicSweep;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;

/** Deletes stored answers past their retention ({@code webhooks.idempotency.retention}). */
@Component
class IdempotencyCleanup {

    private final PeriodicSweep sweep;

    IdempotencyCleanup(IdempotencyStore store, Clock clock, IdempotencyProperties config) {
        this.sweep = new PeriodicSweep("idempotency cleanup", config.cleanupInterval(), config.cleanupBatch(),
                batch -> store.deleteExpired(clock.instant(), batch));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        sweep.start();
    }

    /** Deletes expired answers now; the number deleted. */
    Mono<Long> sweep() {
        return sweep.sweep();
    }

    @PreDestroy
    void stop() {
        sweep.stop();
    }
}

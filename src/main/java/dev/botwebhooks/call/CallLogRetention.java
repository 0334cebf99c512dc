package dev.botwebhooks.call;

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
 * Deletes call records older than {@code webhooks.calls.retention}, in bounded batches on a timer,
 * so the call log (request and answer bodies included) does not grow for ever. Reactive all the
 * way; replicas share the work ({@code SKIP LOCKED}).
 */
@Component
class CallLogRetention {

    /** Batches per tick, so one tick after a long pause cannot run for ever. */
    static final int MAX_BATCHES_PER_TICK = 100;
    private static final Logger log = LoggerFactory.getLogger(CallLogRetention.class);

    private final CallRepository calls;
    private final Clock clock;
    private final WebhooksProperties.Calls config;
    private Disposable timer;

    CallLogRetention(CallRepository calls, Clock clock, WebhooksProperties properties) {
        this.calls = calls;
        this.clock = clock;
        this.config = properties.calls();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer = Flux.interval(config.cleanupInterval(), config.cleanupInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(error -> {
                    log.warn("call log retention sweep failed; the next tick tries again: {}", error.toString());
                    return Mono.just(0L);
                }), 1)
                .subscribe();
    }

    /** Deletes calls past retention, batch after batch while batches come back full; the number deleted. */
    Mono<Long> sweep() {
        return sweep(MAX_BATCHES_PER_TICK);
    }

    private Mono<Long> sweep(int batchesLeft) {
        return calls.deleteReceivedBefore(clock.instant().minus(config.retention()), config.cleanupBatch())
                .flatMap(deleted -> deleted == config.cleanupBatch() && batchesLeft > 1
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

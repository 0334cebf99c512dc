package dev.botwebhooks.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Deletes old rows on a timer, in bounded batches: each statement deletes at most {@code batch}
 * rows (so it never holds long locks), and a tick runs at most {@link #MAX_BATCHES_PER_TICK}
 * statements (so one tick after a long pause cannot run for ever). Reactive all the way; replicas
 * share the work when the delete uses {@code SKIP LOCKED}.
 */
public final class PeriodicSweep {

    public static final int MAX_BATCHES_PER_TICK = 100;
    private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

    private final String name;
    private final Duration interval;
    private final int batch;
    private final IntFunction<Mono<Long>> deleteBatch;
    private Disposable timer;

    /** @param deleteBatch deletes at most the given number of rows; emits how many it deleted */
    public PeriodicSweep(String name, Duration interval, int batch, IntFunction<Mono<Long>> deleteBatch) {
        this.name = name;
        this.interval = interval;
        this.batch = batch;
        this.deleteBatch = deleteBatch;
    }

    public synchronized void start() {
        timer = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(error -> {
                    log.warn("{} failed; the next tick tries again: {}", name, error.toString());
                    return Mono.just(0L);
                }), 1)
                .subscribe();
    }

    /** Deletes batch after batch while batches come back full; the number deleted. */
    public Mono<Long> sweep() {
        return sweep(MAX_BATCHES_PER_TICK);
    }

    private Mono<Long> sweep(int batchesLeft) {
        return Mono.defer(() -> deleteBatch.apply(batch)).flatMap(deleted -> deleted == batch && batchesLeft > 1
                ? sweep(batchesLeft - 1).map(more -> more + deleted)
                : Mono.just(deleted));
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.dispose();
        }
    }
}

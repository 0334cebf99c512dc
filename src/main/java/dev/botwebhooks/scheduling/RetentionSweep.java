package dev.botwebhooks.scheduling;

import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Deletes rows past their retention on a worker's polling loop, in bounded batches: each statement
 * deletes at most {@code batch} rows (so it never holds long locks), and a sweep runs at most
 * {@link #MAX_BATCHES_PER_SWEEP} statements (so one sweep after a long pause cannot run for ever).
 * Replicas share the work when the delete uses {@code SKIP LOCKED}.
 */
public abstract class RetentionSweep extends PollingWorker {

    public static final int MAX_BATCHES_PER_SWEEP = 100;

    private final int batch;

    protected RetentionSweep(String name, Duration interval, int batch) {
        super(name, interval, true);
        this.batch = batch;
    }

    /** Deletes at most {@code limit} rows past retention; emits how many it deleted. */
    protected abstract Mono<Long> deleteBatch(int limit);

    /** Deletes batch after batch while batches come back full; the number deleted. */
    public Mono<Long> sweep() {
        return sweep(MAX_BATCHES_PER_SWEEP);
    }

    @Override
    protected final Mono<Integer> pollOnce() {
        // The next sweep waits for the interval: a bounded sweep that stopped early has only old rows left.
        return sweep().thenReturn(0);
    }

    private Mono<Long> sweep(int batchesLeft) {
        return Mono.defer(() -> deleteBatch(batch)).flatMap(deleted -> deleted == batch && batchesLeft > 1
                ? sweep(batchesLeft - 1).map(more -> more + deleted)
                : Mono.just(deleted));
    }
}

package dev.botwebhooks.run;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Group commit: the commits of concurrent runs share one transaction, and {@code writer} writes a whole
 * batch with one statement per table, so a burst pays for one BEGIN/COMMIT (and one WAL flush) and one
 * round trip per table per batch instead of per webhook. Each caller still completes only after the
 * transaction holding its own writes has committed, so an answer is never sent before its data is
 * durable. When a shared transaction fails, its members are retried one by one, so one bad commit
 * fails alone.
 *
 * @param <T> what one caller commits
 */
public final class GroupCommit<T> {

    private final TransactionalOperator transaction;
    private final Function<List<T>, Mono<List<T>>> writer;
    private final int maxBatch;
    private final int maxConcurrentTransactions;
    private final Queue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger transactionsInFlight = new AtomicInteger();
    private final DistributionSummary batchSizes;

    /**
     * @param writer writes a batch inside its transaction and emits the members it refused to write (a run
     *               whose reads are stale); they end with {@link Refused}, the others commit
     */
    public GroupCommit(TransactionalOperator transaction, Function<List<T>, Mono<List<T>>> writer,
            CommitProperties properties, MeterRegistry registry) {
        this.transaction = transaction;
        this.writer = writer;
        this.maxBatch = properties.maxBatch();
        this.maxConcurrentTransactions = properties.maxConcurrentTransactions();
        this.batchSizes = DistributionSummary.builder("commit.batch.size")
                .description("Runs committed per shared transaction").register(registry);
    }

    /**
     * Writes {@code work} in a transaction, possibly shared; completes once that transaction committed, or
     * with {@link Refused} when the writer left it out.
     */
    public Mono<Void> commit(T work) {
        return Mono.defer(() -> {
            Sinks.One<Void> committed = Sinks.one();
            queue.add(new Pending<>(work, committed));
            drain();
            return committed.asMono();
        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int inFlight = transactionsInFlight.get();
            if (inFlight >= maxConcurrentTransactions) {
                return; // the transaction that finishes next drains again
            }
            if (transactionsInFlight.compareAndSet(inFlight, inFlight + 1)) {
                List<Pending<T>> batch = take();
                if (batch.isEmpty()) {
                    transactionsInFlight.decrementAndGet();
                    continue;
                }
                batchSizes.record(batch.size());
                flush(batch).doFinally(signal -> {
                    transactionsInFlight.decrementAndGet();
                    drain();
                }).subscribe();
            }
        }
    }

    private List<Pending<T>> take() {
        List<Pending<T>> batch = new ArrayList<>();
        Pending<T> next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private Mono<Void> flush(List<Pending<T>> batch) {
        if (batch.size() == 1) {
            return alone(batch.get(0));
        }
        List<T> work = new ArrayList<>(batch.size());
        batch.forEach(pending -> work.add(pending.work()));
        return transaction.transactional(Mono.defer(() -> writer.apply(work)))
                .doOnNext(refused -> settle(batch, refused))
                .onErrorResume(sharedFailed -> Flux.fromIterable(batch).concatMap(this::alone).then(Mono.empty()))
                .then();
    }

    private Mono<Void> alone(Pending<T> pending) {
        return transaction.transactional(Mono.defer(() -> writer.apply(List.of(pending.work()))))
                .doOnNext(refused -> settle(List.of(pending), refused))
                .onErrorResume(failed -> {
                    pending.committed().tryEmitError(failed);
                    return Mono.empty();
                })
                .then();
    }

    private void settle(List<Pending<T>> batch, List<T> refusedWork) {
        Set<T> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        refused.addAll(refusedWork);
        for (Pending<T> pending : batch) {
            if (refused.contains(pending.work())) {
                pending.committed().tryEmitError(new Refused());
            } else {
                pending.committed().tryEmitEmpty();
            }
        }
    }

    /** The writer left this member out of its batch's transaction: nothing of it was written. */
    public static final class Refused extends RuntimeException {
        Refused() {
            super("left out of its group commit", null, false, false);
        }
    }

    private record Pending<T>(T work, Sinks.One<Void> committed) {
    }
}

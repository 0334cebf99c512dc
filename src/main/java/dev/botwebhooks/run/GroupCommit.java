package dev.botwebhooks.run;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Group commit: the commits of concurrent runs share one transaction, so a burst pays for one
 * BEGIN/COMMIT (and one WAL flush) per batch instead of one per webhook. Each caller still
 * completes only after the transaction holding its own writes has committed, so an answer is
 * never sent before its data is durable. When a shared transaction fails, its members are retried
 * one by one, so one bad commit fails alone.
 */
@Component
public class GroupCommit {

    private final TransactionalOperator transaction;
    private final int maxBatch;
    private final int maxConcurrentTransactions;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger transactionsInFlight = new AtomicInteger();
    private final DistributionSummary batchSizes;

    GroupCommit(TransactionalOperator transaction, CommitProperties properties, MeterRegistry registry) {
        this.transaction = transaction;
        this.maxBatch = properties.maxBatch();
        this.maxConcurrentTransactions = properties.maxConcurrentTransactions();
        this.batchSizes = DistributionSummary.builder("commit.batch.size")
                .description("Runs committed per shared transaction").register(registry);
    }

    /** Runs {@code writes} in a transaction, possibly shared; completes once that transaction committed. */
    public Mono<Void> commit(Supplier<Mono<Void>> writes) {
        return Mono.defer(() -> {
            Sinks.One<Void> committed = Sinks.one();
            queue.add(new Pending(writes, committed));
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
                List<Pending> batch = take();
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

    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private Mono<Void> flush(List<Pending> batch) {
        if (batch.size() == 1) {
            return alone(batch.get(0));
        }
        return transaction.transactional(Flux.fromIterable(batch).concatMap(pending -> pending.writes().get()).then())
                .doOnSuccess(done -> batch.forEach(pending -> pending.committed().tryEmitEmpty()))
                .onErrorResume(sharedFailed -> Flux.fromIterable(batch).concatMap(this::alone).then());
    }

    private Mono<Void> alone(Pending pending) {
        return transaction.transactional(Mono.defer(pending.writes()))
                .doOnSuccess(done -> pending.committed().tryEmitEmpty())
                .onErrorResume(failed -> {
                    pending.committed().tryEmitError(failed);
                    return Mono.empty();
                });
    }

    private record Pending(Supplier<Mono<Void>> writes, Sinks.One<Void> committed) {
    }
}

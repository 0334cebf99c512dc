package dev.botwebhooks.call;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Call ids taken from the sequence {@value #BLOCK} at a time: the sequence steps by that much (migration
 * V6), so one {@code nextval} reserves a block no other replica gets. Ids rise within a replica; across
 * replicas they interleave by block.
 */
final class CallIds {

    static final int BLOCK = 100;

    private final DatabaseClient db;
    private volatile Block block = new Block(0, 0);
    /** The block being fetched, shared by every caller that found the current one used up. */
    private final AtomicReference<Mono<Block>> refill = new AtomicReference<>();

    CallIds(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> next() {
        long id = block.take();
        return id >= 0 ? Mono.just(id) : refill().then(Mono.defer(this::next));
    }

    private Mono<Block> refill() {
        Mono<Block> pending = refill.get();
        if (pending != null) {
            return pending;
        }
        AtomicReference<Mono<Block>> self = new AtomicReference<>();
        Mono<Block> fetch = db.sql("SELECT nextval('webhook_call_ids') AS id").map(row -> row.get("id", Long.class))
                .one().single()
                .map(start -> new Block(start, start + BLOCK))
                // Released before the waiters hear of the block: a waiter that finds it used up must start
                // the next fetch. Were this finished fetch still pending, re-subscribing would answer the
                // waiter at once, on the same stack, again and again, until the driver's thread overflowed.
                .doOnNext(fetched -> {
                    block = fetched;
                    refill.compareAndSet(self.get(), null);
                })
                // A failure is not kept for later callers: they start a fetch of their own.
                .doOnError(failed -> refill.compareAndSet(self.get(), null))
                .cache();
        self.set(fetch);
        return refill.compareAndSet(null, fetch) ? fetch : refill();
    }

    private static final class Block {

        private final AtomicLong next;
        private final long end;

        Block(long start, long end) {
            this.next = new AtomicLong(start);
            this.end = end;
        }

        /** The next id of the block, or -1 when it is used up. */
        long take() {
            long id = next.getAndIncrement();
            return id < end ? id : -1;
        }
    }
}

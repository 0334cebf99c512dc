package dev.botwebhooks.admin;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open streams per bot and in total, so that each is bounded; a slot is given back once. */
final class StreamSlots {

    private final int maxPerBot;
    private final int maxTotal;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<Long, AtomicInteger> perBot = new ConcurrentHashMap<>();

    StreamSlots(int maxPerBot, int maxTotal) {
        this.maxPerBot = maxPerBot;
        this.maxTotal = maxTotal;
    }

    /** A slot for one more stream of {@code botId}, or null when either cap is reached. */
    Slot take(long botId) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return null;
        }
        boolean[] taken = {false};
        // compute: counting and dropping a bot's counter are atomic with each other, so no counter is lost.
        perBot.compute(botId, (id, count) -> {
            AtomicInteger counter = count == null ? new AtomicInteger() : count;
            taken[0] = counter.get() < maxPerBot;
            if (taken[0]) {
                counter.incrementAndGet();
            }
            return counter.get() == 0 ? null : counter;
        });
        if (!taken[0]) {
            total.decrementAndGet();
            return null;
        }
        return new Slot(botId);
    }

    int open() {
        return total.get();
    }

    final class Slot {

        private final long botId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(long botId) {
            this.botId = botId;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                perBot.computeIfPresent(botId, (id, count) -> count.decrementAndGet() == 0 ? null : count);
                total.decrementAndGet();
            }
        }
    }
}

package dev.botwebhooks.pipeline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Counts each bot's runs queued or running; a bot with none has no entry, so the map stays small. */
final class InFlight {

    private final int maxPerBot;
    private final ConcurrentHashMap<Long, Integer> counts = new ConcurrentHashMap<>();

    InFlight(int maxPerBot) {
        this.maxPerBot = maxPerBot;
    }

    /** A slot for one run, or null when the bot has {@code maxPerBot} already. */
    Slot acquire(long botId) {
        AtomicBoolean granted = new AtomicBoolean();
        counts.compute(botId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerBot) {
                return count;
            }
            granted.set(true);
            return current + 1;
        });
        return granted.get() ? new Slot(botId) : null;
    }

    int count(long botId) {
        return counts.getOrDefault(botId, 0);
    }

    /** Released once, whichever of the worker and the cancelled caller gets there first. */
    final class Slot {

        private final long botId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(long botId) {
            this.botId = botId;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                counts.computeIfPresent(botId, (id, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}

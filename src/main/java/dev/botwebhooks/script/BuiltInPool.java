package dev.botwebhooks.script;

import org.mozilla.javascript.Context;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Locked built-in sets lent to runs, one run at a time per set. A set is built when none is idle
 * (about as many as runs at once: the script workers); at most {@link #MAX_IDLE_SETS} are kept.
 */
final class BuiltInPool {

    /** Well above the script workers of any sensible configuration; a set is a few hundred objects. */
    static final int MAX_IDLE_SETS = 64;

    private final ConcurrentLinkedDeque<BuiltInSet> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger built = new AtomicInteger();

    BuiltInSet borrow(Context cx) {
        BuiltInSet set = idle.pollFirst();
        if (set != null) {
            idleCount.decrementAndGet();
            return set;
        }
        built.incrementAndGet();
        return BuiltInSet.create(cx);
    }

    void giveBack(BuiltInSet set) {
        set.restore();
        if (idleCount.incrementAndGet() <= MAX_IDLE_SETS) {
            idle.offerFirst(set);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** How many sets were built so far. */
    int built() {
        return built.get();
    }
}

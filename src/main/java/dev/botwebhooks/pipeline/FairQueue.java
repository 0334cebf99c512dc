package dev.botwebhooks.pipeline;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Runs waiting for a worker, one bounded queue per bot, served round-robin: a lone bot gets every free
 * worker, and a bot that floods only lengthens its own queue, never another bot's wait. A bot may hold
 * at most {@code maxRunningPerBot} workers at once, so with one worker more than that some worker is
 * always left for the bots that have nothing running.
 * <p>
 * A monitor rather than a {@code java.util.concurrent} lock: the event loops offer and cancel runs, and
 * they must never park; only the workers wait, in {@link #take()}.
 */
final class FairQueue {

    private final int capacity;
    private final int maxQueuedPerBot;
    private final int maxRunningPerBot;
    /** Bots with runs queued, in the order they are served; a bot with nothing queued has no entry. */
    private final Map<Long, BotRuns> bots = new HashMap<>();
    private final ArrayDeque<BotRuns> rotation = new ArrayDeque<>();
    /** Runs running per bot, for the bots that have one running. */
    private final Map<Long, Integer> running = new HashMap<>();
    private int queued;
    private boolean closed;

    FairQueue(int capacity, int maxQueuedPerBot, int maxRunningPerBot) {
        this.capacity = capacity;
        this.maxQueuedPerBot = maxQueuedPerBot;
        this.maxRunningPerBot = Math.max(1, maxRunningPerBot);
    }

    /** Queues {@code run}; false when the queue, or the bot's share of it, is full, or the workers stopped. */
    synchronized boolean offer(Run run) {
        if (closed || queued >= capacity) {
            return false;
        }
        BotRuns runs = bots.get(run.botId());
        if (runs == null) {
            runs = new BotRuns(run.botId());
            bots.put(run.botId(), runs);
            rotation.addLast(runs);
        } else if (runs.waiting.size() >= maxQueuedPerBot) {
            return false;
        }
        runs.waiting.addLast(run);
        queued++;
        notify();
        return true;
    }

    /** Whether a run of {@code botId} offered now would find room (it may not by the time it is offered). */
    synchronized boolean hasRoom(long botId) {
        if (closed || queued >= capacity) {
            return false;
        }
        BotRuns runs = bots.get(botId);
        return runs == null || runs.waiting.size() < maxQueuedPerBot;
    }

    /** Takes {@code run} back before a worker started it; false when a worker has it already. */
    synchronized boolean cancel(Run run) {
        BotRuns runs = bots.get(run.botId());
        if (runs == null || !runs.waiting.remove(run)) {
            return false;
        }
        queued--;
        if (runs.waiting.isEmpty()) {
            bots.remove(run.botId());
            rotation.remove(runs);
        }
        return true;
    }

    /**
     * The next run, from the first bot in the rotation that may have one more worker (that bot goes to
     * the back); waits while there is none. Null once {@link #close()}d and drained.
     */
    synchronized Run take() throws InterruptedException {
        while (true) {
            Run next = next();
            if (next != null) {
                return next;
            }
            if (closed && queued == 0) {
                return null;
            }
            wait();
        }
    }

    /** A run taken from this queue ended: its bot's worker is free for the next. */
    synchronized void done(Run run) {
        running.computeIfPresent(run.botId(), (id, count) -> count <= 1 ? null : count - 1);
        // A bot at its share of workers may have runs waiting that a now idle worker can take.
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized int queued() {
        return queued;
    }

    synchronized int queued(long botId) {
        BotRuns runs = bots.get(botId);
        return runs == null ? 0 : runs.waiting.size();
    }

    synchronized int running(long botId) {
        return running.getOrDefault(botId, 0);
    }

    private Run next() {
        Iterator<BotRuns> candidates = rotation.iterator();
        while (candidates.hasNext()) {
            BotRuns runs = candidates.next();
            int busy = running.getOrDefault(runs.botId, 0);
            if (busy >= maxRunningPerBot) {
                continue;
            }
            candidates.remove();
            Run next = runs.waiting.pollFirst();
            queued--;
            running.put(runs.botId, busy + 1);
            if (runs.waiting.isEmpty()) {
                bots.remove(runs.botId);
            } else {
                rotation.addLast(runs);
            }
            return next;
        }
        return null;
    }

    /** One run of a bot's script, as the worker will execute it. */
    interface Run extends Runnable {
        long botId();
    }

    private static final class BotRuns {

        private final long botId;
        private final ArrayDeque<Run> waiting = new ArrayDeque<>();

        BotRuns(long botId) {
            this.botId = botId;
        }
    }
}

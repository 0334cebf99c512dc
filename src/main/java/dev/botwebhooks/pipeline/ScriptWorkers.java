package dev.botwebhooks.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Rhino worker pool: a fixed number of threads with a fixed stack size taking runs from a
 * {@link FairQueue}. These threads are the only ones allowed to wait on the database. A full queue, or a
 * bot whose own queue is full, is reported as {@link Overloaded} at once, never queued behind.
 */
@Component
public class ScriptWorkers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ScriptWorkers.class);

    private final FairQueue queue;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final int maxRunningPerBot;
    private final long maxQueueWaitNanos;
    /** Recent mean time a run holds its worker, nanoseconds (an exponential moving average). */
    private volatile long meanRunNanos;

    ScriptWorkers(PipelineProperties pipeline) {
        int workers = pipeline.workerThreads();
        // One worker more than a bot may hold: a bot that has nothing running always finds one free.
        this.maxRunningPerBot = Math.max(1, workers - 1);
        this.queue = new FairQueue(pipeline.queueCapacity(), pipeline.maxQueuedPerBot(), maxRunningPerBot);
        this.maxQueueWaitNanos = pipeline.maxQueueWait().toNanos();
        for (int i = 1; i <= workers; i++) {
            Thread thread = new Thread(null, this::work, "script-worker-" + i, pipeline.stackSize().toBytes());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Runs {@code task} for {@code botId} on a worker; errors with {@link Overloaded} when the bot's queue or
     * the whole queue is full. A caller that cancels while its run waits takes it off the queue; one that
     * cancels later does not stop it (the worker finishes it).
     */
    public <T> Mono<T> run(long botId, Callable<T> task) {
        return Mono.create(sink -> {
            Job<T> job = new Job<>(botId, task, sink);
            if (waitTooLong(botId) || !queue.offer(job)) {
                sink.error(new Overloaded());
                return;
            }
            sink.onCancel(() -> queue.cancel(job));
        });
    }

    /**
     * Whether a run of {@code botId} would be queued now: lets a webhook be refused before its body is read
     * and before anything is loaded for it. {@link #run} still decides.
     */
    public boolean hasRoom(long botId) {
        return !waitTooLong(botId) && queue.hasRoom(botId);
    }

    /**
     * Whether a new run of {@code botId} would wait longer than {@code max-queue-wait}: the runs it queues
     * behind, times the recent mean run, over the workers it may use. A queue bounded only by its length
     * turns every accepted answer slow when runs are slow; this refuses instead.
     */
    private boolean waitTooLong(long botId) {
        return maxQueueWaitNanos > 0 && queue.queued(botId) * meanRunNanos / maxRunningPerBot > maxQueueWaitNanos;
    }

    /** Recent mean time a run holds its worker. */
    public java.time.Duration meanRun() {
        return java.time.Duration.ofNanos(meanRunNanos);
    }

    private void work() {
        try {
            FairQueue.Run run;
            while ((run = queue.take()) != null) {
                active.incrementAndGet();
                long start = System.nanoTime();
                try {
                    run.run();
                } finally {
                    long took = System.nanoTime() - start;
                    // Racy by design: a lost update among workers only delays the average by one run.
                    long mean = meanRunNanos;
                    meanRunNanos = mean == 0 ? took : mean + (took - mean) / 16;
                    active.decrementAndGet();
                    queue.done(run);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    public int queued() {
        return queue.queued();
    }

    public int active() {
        return active.get();
    }

    /** Runs of {@code botId} queued or running now. */
    public int inFlight(long botId) {
        return queue.queued(botId) + queue.running(botId);
    }

    /** Runs of {@code botId} on a worker now. */
    int running(long botId) {
        return queue.running(botId);
    }

    /** Worker threads in the pool. */
    public int size() {
        return threads.size();
    }

    @Override
    public void destroy() throws InterruptedException {
        queue.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            log.warn("script workers still busy after 30s; interrupting");
            threads.forEach(Thread::interrupt);
        }
    }

    private record Job<T>(long botId, Callable<T> task, MonoSink<T> sink) implements FairQueue.Run {
        @Override
        public void run() {
            T result;
            try {
                result = task.call();
            } catch (Throwable failure) {
                sink.error(failure);
                return;
            }
            sink.success(result);
        }
    }

    /** No room is left in the queue or in the bot's share of it: the caller answers 503 with Retry-After. */
    public static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("script workers are busy", null, false, false);
        }
    }
}

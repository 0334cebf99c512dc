package dev.botwebhooks.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Rhino worker pool: a fixed number of threads with a fixed stack size behind a bounded
 * queue. These threads are the only ones allowed to wait on the database. A full queue, or a bot
 * that already has its share of runs in flight, is reported as {@link Overloaded} at once, never
 * queued behind.
 */
@Component
public class ScriptWorkers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ScriptWorkers.class);

    private final ThreadPoolExecutor executor;
    private final Scheduler scheduler;
    private final InFlight inFlight;

    ScriptWorkers(PipelineProperties pipeline) {
        this.executor = new ThreadPoolExecutor(pipeline.workers(), pipeline.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(pipeline.queueCapacity()), threads(pipeline.stackSize().toBytes()),
                new ThreadPoolExecutor.AbortPolicy());
        this.scheduler = Schedulers.fromExecutorService(executor, "script-workers");
        this.inFlight = new InFlight(pipeline.maxInFlightPerBot());
    }

    /**
     * Runs {@code task} for {@code botId} on a worker; errors with {@link Overloaded} when the bot
     * already has its cap of runs queued or running, or no room is left. The bot's slot is held
     * until the task ends on its worker (a cancelled caller does not free a worker that still runs).
     */
    public <T> Mono<T> run(long botId, Callable<T> task) {
        return Mono.defer(() -> {
            InFlight.Slot slot = inFlight.acquire(botId);
            if (slot == null) {
                return Mono.error(new Overloaded());
            }
            AtomicBoolean started = new AtomicBoolean();
            return run(() -> {
                started.set(true);
                try {
                    return task.call();
                } finally {
                    slot.release();
                }
            }).doFinally(signal -> {
                if (!started.get()) {
                    slot.release();
                }
            });
        });
    }

    /** Runs {@code task} on a worker; errors with {@link Overloaded} when no room is left. */
    public <T> Mono<T> run(Callable<T> task) {
        return Mono.fromCallable(task)
                .subscribeOn(scheduler)
                .onErrorMap(RejectedExecutionException.class, rejected -> new Overloaded());
    }

    public int queued() {
        return executor.getQueue().size();
    }

    public int active() {
        return executor.getActiveCount();
    }

    /** Runs of {@code botId} queued or running now. */
    public int inFlight(long botId) {
        return inFlight.count(botId);
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("script workers still busy after 30s; interrupting");
            executor.shutdownNow();
        }
        scheduler.dispose();
    }

    private static ThreadFactory threads(long stackSize) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(null, runnable, "script-worker-" + count.incrementAndGet(), stackSize);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** No worker and no queue slot is free: the caller answers 503 with Retry-After. */
    public static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("script workers are busy", null, false, false);
        }
    }
}

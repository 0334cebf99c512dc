package dev.botwebhooks.scheduling;


import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * A worker that polls PostgreSQL for work in a {@link PollingLoop}, started and stopped with the
 * application: on shutdown the poll in progress finishes before the database pool goes away.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private final PollingLoop loop;
    private final boolean enabled;

    public PollingWorker(String name, Duration interval, boolean enabled) {
        this.loop = new PollingLoop(name, interval, this::pollOnce);
        this.enabled = enabled;
    }

    /** Claims and handles one batch; emits how many items it handled. */
    protected abstract Mono<Integer> pollOnce();

    /** Polls now rather than at the next tick (best effort), e.g. when a run just committed work. */
    protected void wake() {
        if (loop.isRunning()) {
            loop.wake();
        }
    }

    @Override
    public void start() {
        if (enabled) {
            loop.start();
        }
    }

    @Override
    public void stop(Runnable callback) {
        loop.stop(callback);
    }

    @Override
    public void stop() {
        loop.stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}

package dev.botwebhooks.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls on a timer or when woken, one poll at a time, and polls again at once while a poll found work.
 * Never blocks: the poll is a reactive chain; ticks that arrive during a poll are dropped.
 */
final class PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Duration interval;
    private final Supplier<Mono<Integer>> poll;
    private final Sinks.Many<Boolean> wake = Sinks.many().multicast().directBestEffort();
    private volatile boolean stopping;
    private volatile boolean failing;
    private volatile Runnable onStopped;
    private Disposable running;

    /** @param poll claims and handles one batch; emits how many items it handled */
    PollingLoop(String name, Duration interval, Supplier<Mono<Integer>> poll) {
        this.name = name;
        this.interval = interval;
        this.poll = poll;
    }

    synchronized void start() {
        stopping = false;
        running = Flux.merge(Flux.interval(Duration.ZERO, interval), wake.asFlux())
                .onBackpressureDrop()
                .takeWhile(tick -> !stopping)
                .concatMap(tick -> drain(), 1)
                .doFinally(signal -> {
                    Runnable callback = onStopped;
                    if (callback != null) {
                        callback.run();
                    }
                })
                .subscribe();
    }

    /** Best effort: a wake that races another is simply lost, the timer still comes. */
    void wake() {
        wake.tryEmitNext(Boolean.TRUE);
    }

    boolean isRunning() {
        return running != null && !running.isDisposed() && !stopping;
    }

    /** Lets the poll in progress finish, then calls {@code callback}. */
    synchronized void stop(Runnable callback) {
        if (running == null || running.isDisposed()) {
            callback.run();
            return;
        }
        onStopped = callback;
        stopping = true;
        wake();
    }

    /**
     * Polls until a poll finds nothing. Repeated, not recursive: a worker that always finds work (a busy outbox)
     * would otherwise nest one more operator per poll, until the stack of the thread running it overflowed.
     */
    private Mono<Void> drain() {
        return Mono.defer(() -> stopping ? Mono.just(0) : pollOnce())
                .repeat()
                .takeWhile(handled -> handled > 0)
                .then();
    }

    private Mono<Integer> pollOnce() {
        return Mono.defer(poll)
                .doOnNext(handled -> {
                    if (failing) {
                        failing = false;
                        log.info("{}: polling works again", name);
                    }
                })
                .onErrorResume(error -> {
                    // Once per outage, not every few hundred milliseconds while the database is down.
                    if (!failing) {
                        failing = true;
                        log.warn("{}: poll failed, trying again every {} until it works: {}", name, interval,
                                error.toString());
                    }
                    return Mono.just(0);
                })
                .defaultIfEmpty(0);
    }
}

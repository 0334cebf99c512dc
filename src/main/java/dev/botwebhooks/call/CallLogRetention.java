package dev.botwebhooks.call;

import dev.botwebhooks.scheduling.PeriodicSweep;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Deletes call records older than {@code webhooks.calls.retention}, so the call log (request and
 * answer bodies included) does not grow for ever.
 */
@Component
class CallLogRetention {

    private final PeriodicSweep sweep;

    CallLogRetention(CallRepository calls, Clock clock, CallLogProperties config) {
        this.sweep = new PeriodicSweep("call log retention sweep", config.cleanupInterval(), config.cleanupBatch(),
                batch -> calls.deleteReceivedBefore(clock.instant().minus(config.retention()), batch));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        sweep.start();
    }

    /** Deletes calls past retention now; the number deleted. */
    Mono<Long> sweep() {
        return sweep.sweep();
    }

    @PreDestroy
    void stop() {
        sweep.stop();
    }
}

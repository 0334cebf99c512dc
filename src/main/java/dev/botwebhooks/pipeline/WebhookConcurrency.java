package dev.botwebhooks.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A bound on webhooks between admission and answer, wherever they wait: for a worker, for a pool
 * connection, for a commit. The worker queue alone does not bound a backlog that builds up after
 * the script ran (commits slower than runs), and such a backlog turns every answer slow; past this
 * bound a webhook is answered 503 at once instead.
 */
@Component
public class WebhookConcurrency {

    private final Semaphore permits;

    WebhookConcurrency(PipelineProperties properties, MeterRegistry registry) {
        int max = properties.maxConcurrentWebhooks();
        this.permits = new Semaphore(max);
        Gauge.builder("pipeline.webhooks.in.flight", permits, p -> max - p.availablePermits())
                .description("Webhooks admitted and not yet answered").register(registry);
    }

    /** Runs {@code work} holding a permit; errors with {@link ScriptWorkers.Overloaded} when none is free. */
    public <T> Mono<T> admit(Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            if (!permits.tryAcquire()) {
                return Mono.error(new ScriptWorkers.Overloaded());
            }
            return work.get().doFinally(signal -> permits.release());
        });
    }
}

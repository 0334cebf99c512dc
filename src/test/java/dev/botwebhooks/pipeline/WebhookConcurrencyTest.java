package dev.botwebhooks.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;


/** Two webhooks may wait at once; the third is refused at once, and a finished one frees its place. */
class WebhookConcurrencyTest {

    private final WebhookConcurrency concurrency = new WebhookConcurrency(
            new PipelineProperties(1, 1, 1, Duration.ZERO, DataSize.ofMegabytes(1), 2), new SimpleMeterRegistry());

    @Test
    void answersOverloadedPastTheBoundAndAdmitsAgainOnceAWebhookIsAnswered() {
        Disposable first = concurrency.admit(Mono::never).subscribe();
        Disposable second = concurrency.admit(Mono::never).subscribe();

        concurrency.admit(() -> Mono.just("third")).as(StepVerifier::create)
                .expectError(ScriptWorkers.Overloaded.class).verify();

        first.dispose();
        concurrency.admit(() -> Mono.just("after")).as(StepVerifier::create)
                .expectNext("after").verifyComplete();
        second.dispose();
    }
}

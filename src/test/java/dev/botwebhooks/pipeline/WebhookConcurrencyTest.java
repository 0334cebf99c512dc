package dev.botwebhooks.pipeline;

import dev.botwebhooks.config.WebhooksProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.net.URI;

/** Two webhooks may wait at once; the third is refused at once, and a finished one frees its place. */
class WebhookConcurrencyTest {

    private final WebhookConcurrency concurrency = new WebhookConcurrency(new WebhooksProperties(
            URI.create("http://localhost"), null, null, null,
            new WebhooksProperties.Pipeline(1, 1, DataSize.ofMegabytes(1), 1, 2),
            null, null, null, null, null, null, null, null, null, null), new SimpleMeterRegistry());

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

package dev.botwebhooks.pipeline;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Overload is answered at once: one worker, one queue place per bot, three webhooks in flight in all. Scripts
 * that loop hold their places for their CPU time (one worker, so that one core is left for the event loops).
 */
@TestPropertySource(properties = {
        "webhooks.pipeline.workers=1",
        "webhooks.pipeline.max-queued-per-bot=1",
        "webhooks.pipeline.max-concurrent-webhooks=3",
        "webhooks.script.cpu-time=2s",
        "webhooks.script.wall-time=3s"})
class OverloadEndToEndTest extends EndToEndTest {

    /** Generous: the looping workers share the two cores of the test machine with the event loops. */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    @Autowired
    ScriptWorkers workers;

    private final ConnectionProvider connections = ConnectionProvider.builder("overload").maxConnections(8).build();
    private final WebClient client = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
    private final List<Disposable> calls = new java.util.ArrayList<>();

    @BeforeEach
    void idle() {
        // A run whose caller hung up still ends its loop on the worker.
        await().until(() -> meters.get("pipeline.webhooks.in.flight").gauge().value() == 0
                && workers.active() == 0 && workers.queued() == 0);
    }

    @org.junit.jupiter.api.AfterEach
    void hangUp() {
        calls.forEach(Disposable::dispose);
        connections.dispose();
    }

    @Test
    void aBotWhoseQueueIsFullGets503WithRetryAfterAtOnce() {
        Bots.TestBot looping = bots.create("full").command("/loop", "while (true) {}").command("/hi", "Bot.sendMessage('hi')");
        URI loop = looping.localUrl(Map.of("command", "/loop"));
        // The bot is in the cache now, as a busy bot's would be.
        http.get().uri(looping.localUrl(Map.of("command", "/hi"))).exchange().expectStatus().isOk();
        double before = rejections("overloaded");

        call(loop);
        await().until(() -> workers.active() == 1);
        call(loop);
        await().until(() -> workers.inFlight(looping.id()) == 2);

        long start = System.nanoTime();
        http.get().uri(loop).exchange().expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.error").isEqualTo("overloaded, retry later");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
        assertThat(rejections("overloaded") - before).isEqualTo(1);
    }

    @Test
    void pastTheBoundOnWebhooksInFlightEvenAnUnknownBotGets503BeforeAnyLookup() {
        Bots.TestBot first = bots.create("flight-a").command("/loop", "while (true) {}");
        Bots.TestBot second = bots.create("flight-b").command("/loop", "while (true) {}");
        URI firstLoop = first.localUrl(Map.of("command", "/loop"));
        URI secondLoop = second.localUrl(Map.of("command", "/loop"));
        call(firstLoop);
        await().until(() -> workers.active() == 1);
        call(firstLoop);
        call(secondLoop);
        await().untilAsserted(() -> assertThat(meters.get("pipeline.webhooks.in.flight").gauge().value())
                .as("first %s second %s active %s", workers.inFlight(first.id()), workers.inFlight(second.id()),
                        workers.active()).isEqualTo(3));

        long start = System.nanoTime();
        // An unknown bot would be a 404 after a database lookup; past the bound nothing is looked up.
        http.get().uri("/v1/bots/987654321/new-webhook?command=%2Fpay&sig=AAAA").exchange()
                .expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.error").isEqualTo("overloaded, retry later");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);

        await().until(() -> meters.get("pipeline.webhooks.in.flight").gauge().value() == 0);
        http.get().uri("/v1/bots/987654321/new-webhook?command=%2Fpay&sig=AAAA").exchange()
                .expectStatus().isNotFound();
    }

    private void call(URI url) {
        calls.add(client.get().uri(url).retrieve().toBodilessEntity().onErrorResume(error -> reactor.core.publisher.Mono.empty())
                .subscribe());
    }
}

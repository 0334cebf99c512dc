package dev.botwebhooks.pipeline;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration as shipped (nothing overridden but what every end-to-end test sets): one provider's
 * busy bot is served, from one address, and does not keep another bot waiting.
 */
class ShippedDefaultsEndToEndTest extends EndToEndTest {

    private static final int CONNECTIONS = 64;

    @Autowired
    ScriptWorkers workers;

    @Test
    void oneBotAtSixtyFourConcurrentConnectionsGetsNoRefusal() {
        Bots.TestBot bot = bots.create("busy").command("/pay", "Bot.sendMessage('ok ' + JSON.parse(content).n)");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        warmUp(url);
        Map<String, Double> before = refusals();

        List<Integer> statuses = load(url, CONNECTIONS, CONNECTIONS * 8).join();

        assertThat(statuses).as("refusals %s, mean run %s", refusals(), workers.meanRun())
                .hasSize(CONNECTIONS * 8).containsOnly(200);
        assertThat(refusals()).isEqualTo(before);
    }

    @Test
    void aSecondBotIsServedAtOnceWhileTheFirstFloodsTheQueue() {
        Bots.TestBot flooding = bots.create("flooding").command("/slow",
                "let start = Date.now(); while (Date.now() - start < 50) {}");
        Bots.TestBot other = bots.create("other").command("/hi", "Bot.sendMessage('hi')");
        URI slow = flooding.localUrl(Map.of("command", "/slow"));
        URI hi = other.localUrl(Map.of("command", "/hi"));
        warmUp(hi);

        CompletableFuture<List<Integer>> flood = load(slow, CONNECTIONS, CONNECTIONS);
        org.awaitility.Awaitility.await().until(() -> workers.inFlight(flooding.id()) >= CONNECTIONS / 2);

        long start = System.nanoTime();
        http.get().uri(hi).exchange().expectStatus().isOk().expectBody().jsonPath("$.answer").isEqualTo("hi");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        int floodStillInFlight = workers.inFlight(flooding.id());

        assertThat(flood.join()).hasSize(CONNECTIONS).containsOnly(200);
        assertThat(floodStillInFlight).as("the flood's runs still waiting when the other bot was answered").isPositive();
        assertThat(waited).isLessThan(Duration.ofSeconds(1));
    }

    /** A provider's first calls, one at a time: they run while the code is still being compiled. */
    private void warmUp(URI url) {
        for (int i = 0; i < 50; i++) {
            http.post().uri(url).bodyValue("{\"n\":" + i + "}").exchange().expectStatus().isOk();
        }
    }

    /** {@code requests} POSTs over {@code connections} connections at once; their statuses. */
    private static CompletableFuture<List<Integer>> load(URI url, int connections, int requests) {
        ConnectionProvider pool = ConnectionProvider.builder("load").maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool))).build();
        return Flux.range(0, requests)
                .flatMap(i -> client.post().uri(url).bodyValue("{\"n\":" + i + "}")
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                        .onErrorResume(error -> Mono.just(-1)), connections)
                .collectList()
                .timeout(Duration.ofSeconds(60))
                .doFinally(signal -> pool.dispose())
                .toFuture();
    }

    private Map<String, Double> refusals() {
        return Map.of("overloaded", rejections("overloaded"), "rate_limited", rejections("rate_limited"),
                "banned", rejections("banned"), "too_many_connections", rejections("too_many_connections"));
    }
}

package dev.botwebhooks.pipeline;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.TightLimitsEndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One bot flooding the pipeline with infinite loops must not stop another bot's webhooks from answering. */
class FairnessEndToEndTest extends TightLimitsEndToEndTest {

    private static final int FLOOD = 100;

    @Autowired
    ScriptWorkers workers;

    @Test
    void aHundredConcurrentInfiniteLoopsOfOneBotLeaveRoomForAnother() {
        Bots.TestBot flooding = bots.create("flooding").command("/loop", "while (true) {}");
        Bots.TestBot polite = bots.create("polite").command("/hi", "Bot.sendMessage('hi')");
        URI loop = flooding.localUrl(Map.of("command", "/loop"));
        URI hi = polite.localUrl(Map.of("command", "/hi"));
        double overloadedBefore = rejections("overloaded");
        double limitBefore = rejections("script_limit");

        // Its own connection pool: in the shared one the polite call would wait behind the flood in the client.
        ConnectionProvider connections = ConnectionProvider.builder("flood").maxConnections(FLOOD).build();
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        CompletableFuture<List<ResponseEntity<String>>> flood = Flux.range(0, FLOOD)
                .flatMap(i -> client.get().uri(loop).retrieve().toEntity(String.class)
                        .onErrorResume(org.springframework.web.reactive.function.client.WebClientResponseException.class,
                                e -> Mono.just(ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders())
                                        .body(e.getResponseBodyAsString()))), FLOOD)
                .collectList().toFuture();
        // Three of the four workers (one is kept for bots with nothing running) and its two queue places.
        await().until(() -> workers.inFlight(flooding.id()) == 5);

        long start = System.nanoTime();
        http.get().uri(hi).exchange().expectStatus().isOk().expectBody().jsonPath("$.answer").isEqualTo("hi");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        List<ResponseEntity<String>> answers = flood.join();
        connections.dispose();
        assertThat(answers).hasSize(FLOOD).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(503));
        List<ResponseEntity<String>> overloaded = answers.stream()
                .filter(answer -> answer.getBody() != null && answer.getBody().contains("overloaded")).toList();
        assertThat(overloaded).hasSizeGreaterThan(FLOOD / 2)
                .allSatisfy(answer -> assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1"));
        assertThat(rejections("overloaded") - overloadedBefore).isEqualTo(overloaded.size());
        assertThat(rejections("script_limit") - limitBefore).isEqualTo(FLOOD - overloaded.size());
    }
}

package dev.botwebhooks.run;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent runs of one bot that read-modify-write a property, the way Bots.Business bots count, lose no
 * update: a run whose read went stale before its commit runs again.
 */
class SerializableRunsTest extends EndToEndTest {

    private static final int CLIENTS = 16;
    private static final int INCREMENTS = 100;

    @Autowired
    PropertyRepository properties;

    @Test
    void sixteenClientsIncrementingOneCounterAHundredTimesEachEndAtSixteenHundred() {
        Bots.TestBot bot = bots.create("counter")
                .command("/inc", "Bot.setProp(\"n\", Bot.getProp(\"n\", 0) + 1, \"integer\")");
        URI url = bot.localUrl(Map.of("command", "/inc"));
        AtomicInteger retried = new AtomicInteger();
        WebClient client = WebClient.create();

        // A client that gets a 503 (reads kept going stale, or overload) retries after a while, as a provider would.
        Mono<Integer> increment = Mono.defer(() -> client.post().uri(url).retrieve().toBodilessEntity()
                        .map(answer -> answer.getStatusCode().value())
                        .onErrorResume(error -> Mono.just(503)))
                .flatMap(status -> {
                    if (status == 200) {
                        return Mono.just(status);
                    }
                    retried.incrementAndGet();
                    return Mono.error(new IllegalStateException("status " + status));
                })
                .retryWhen(Retry.backoff(500, Duration.ofMillis(2)).maxBackoff(Duration.ofMillis(50)));

        Flux.range(0, CLIENTS)
                .flatMap(clientNo -> Flux.range(0, INCREMENTS).concatMap(i -> increment), CLIENTS)
                .then().block(Duration.ofMinutes(3));

        long counted = properties.find(new PropertyKey(bot.id(), null, "n")).block().value().asLong();
        assertThat(counted).as("increments lost (%d answers retried)", retried.get())
                .isEqualTo((long) CLIENTS * INCREMENTS);
    }
}

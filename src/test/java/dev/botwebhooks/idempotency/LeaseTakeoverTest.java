package dev.botwebhooks.idempotency;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that outlives its lease (a stuck or partitioned replica, here a slow script) loses its claim
 * to a duplicate; the late run's commit is rolled back, so the effects still commit exactly once.
 */
@TestPropertySource(properties = {"webhooks.idempotency.lease=300ms", "webhooks.idempotency.max-wait=5s",
        IdempotentDeliveryTest.ALLOCATION})
class LeaseTakeoverTest extends EndToEndTest {

    @Autowired
    PropertyRepository properties;

    @Test
    void theRunThatLostItsClaimDoesNotCommit() {
        Bots.TestBot bot = bots.create("lease").command("/onPay", """
                let start = Date.now()
                while (Date.now() - start < 700) {}
                Bot.setProp("runs", Bot.getProp("runs", 0) + 1, "integer")
                Bot.sendMessage("paid")
                """);
        bot.send("PATCH", "", Map.of("idempotency", Map.of("header", "Idempotency-Key"))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/onPay"));

        List<Integer> statuses = Mono.zip(post(url), Mono.delay(Duration.ofMillis(50)).then(post(url)),
                (first, second) -> List.of(first, second)).block(Duration.ofSeconds(30));
        int retry = post(url).block(Duration.ofSeconds(30));

        assertThat(statuses).containsExactlyInAnyOrder(503, 200);
        assertThat(retry).isEqualTo(200);
        assertThat(properties.find(new PropertyKey(bot.id(), null, "runs")).block().value().asLong()).isEqualTo(1);
        assertThat(bot.getJson("/calls").get("calls").size()).as("the rolled-back run left no call").isEqualTo(1);
    }

    private static Mono<Integer> post(URI url) {
        return WebClient.create().post().uri(url).header("Idempotency-Key", "evt_slow")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }
}

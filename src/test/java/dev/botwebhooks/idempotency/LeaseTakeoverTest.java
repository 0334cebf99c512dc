package dev.botwebhooks.idempotency;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims with a short lease: the owner renews while its script runs, so a slow run keeps its claim; a claim
 * taken over from an owner cut off from the database makes the late run's commit roll back, so the effects
 * still commit exactly once; a restarted instance releases what its crashed incarnation held.
 */
@TestPropertySource(properties = {"webhooks.idempotency.lease=1s", "webhooks.idempotency.max-wait=10s",
        "webhooks.script.cpu-time=5s", "webhooks.script.wall-time=5s",
        IdempotentDeliveryTest.ALLOCATION})
class LeaseTakeoverTest extends EndToEndTest {

    private static final String SLOW_COUNTING_COMMAND = """
            let start = Date.now()
            while (Date.now() - start < 2500) {}
            Bot.setProp("runs", Bot.getProp("runs", 0) + 1, "integer")
            Bot.sendMessage("paid")
            """;

    @Autowired
    PropertyRepository properties;

    @Autowired
    DatabaseClient db;

    @Autowired
    IdempotentRuns idempotentRuns;

    @Test
    void aRunLongerThanItsLeaseKeepsItsClaimSoADuplicateGetsItsAnswer() {
        Bots.TestBot bot = idempotentBot("heartbeat");
        URI url = bot.localUrl(Map.of("command", "/onPay"));

        // The duplicate arrives after twice the lease: only the owner's renewals keep it from taking over.
        List<Integer> statuses = Mono.zip(post(url, "evt_slow"), Mono.delay(Duration.ofMillis(1600)).then(post(url, "evt_slow")),
                (first, second) -> List.of(first, second)).block(Duration.ofSeconds(30));

        assertThat(statuses).containsExactly(200, 200);
        assertThat(runs(bot)).isEqualTo(1);
    }

    @Test
    void theRunWhoseClaimWasTakenOverDoesNotCommit() {
        Bots.TestBot bot = idempotentBot("takeover");
        URI url = bot.localUrl(Map.of("command", "/onPay"));

        Mono<Integer> first = post(url, "evt_cut_off");
        // What another replica does once the owner stopped renewing (cut off from the database): a claim of its own.
        Mono<Integer> takeover = Mono.delay(Duration.ofMillis(500))
                .then(db.sql("UPDATE idempotency_keys SET token = :token, claimed_until = now() - interval '1 second' "
                        + "WHERE bot_id = :bot").bind("token", UUID.randomUUID()).bind("bot", bot.id()).then())
                .then(post(url, "evt_cut_off"));
        List<Integer> statuses = Mono.zip(first, takeover, (a, b) -> List.of(a, b)).block(Duration.ofSeconds(30));
        int retry = post(url, "evt_cut_off").block(Duration.ofSeconds(30));

        assertThat(statuses).containsExactlyInAnyOrder(503, 200);
        assertThat(retry).isEqualTo(200);
        assertThat(runs(bot)).isEqualTo(1);
        assertThat(bot.getJson("/calls").get("calls").size()).as("the rolled-back run left no call").isEqualTo(1);
    }

    @Test
    void aRestartedInstanceReleasesTheClaimsItsEarlierIncarnationHeld() {
        Bots.TestBot bot = idempotentBot("restart");
        ClaimOwner me = idempotentRuns.owner();
        db.sql("INSERT INTO idempotency_keys (bot_id, scope, key, state, token, claimed_until, expires_at, owner, "
                        + "incarnation) VALUES (:bot, '/onPay', 'evt_crashed', 'running', :token, now() + interval '1 hour', "
                        + "now() + interval '1 day', :owner, :earlier)")
                .bind("bot", bot.id()).bind("token", UUID.randomUUID()).bind("owner", me.name())
                .bind("earlier", UUID.randomUUID()).then().block();

        idempotentRuns.releaseEarlierIncarnations();

        URI url = bot.localUrl(Map.of("command", "/onPay"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(db.sql("SELECT count(*) AS n FROM idempotency_keys WHERE bot_id = :bot")
                        .bind("bot", bot.id()).map(row -> row.get("n", Long.class)).one().block()).isZero());
        assertThat(post(url, "evt_crashed").block(Duration.ofSeconds(30))).as("run at once, not after an hour")
                .isEqualTo(200);
    }

    private Bots.TestBot idempotentBot(String name) {
        Bots.TestBot bot = bots.create(name).command("/onPay", SLOW_COUNTING_COMMAND);
        bot.send("PATCH", "", Map.of("idempotency", Map.of("header", "Idempotency-Key"))).expectStatus().isOk();
        return bot;
    }

    private long runs(Bots.TestBot bot) {
        return properties.find(new PropertyKey(bot.id(), null, "runs")).block().value().asLong();
    }

    private static Mono<Integer> post(URI url, String deliveryId) {
        return WebClient.create().post().uri(url).header("Idempotency-Key", deliveryId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }
}

package dev.botwebhooks.idempotency;

import dev.botwebhooks.BotWebhooksApplication;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once per delivery id: concurrent duplicates on two replicas, redeliveries, failed first runs.
 * The slow command busy-waits, which allocates (boxed numbers) until the JIT has warmed up; the raised
 * allocation limit keeps that from failing runs on a loaded machine.
 */
@TestPropertySource(properties = IdempotentDeliveryTest.ALLOCATION)
class IdempotentDeliveryTest extends EndToEndTest {

    static final String ALLOCATION = "webhooks.script.max-allocated=2GB";

    /** Slow enough that every duplicate arrives while the first delivery still runs. */
    private static final String COUNTING_COMMAND = """
            let start = Date.now()
            while (Date.now() - start < 400) {}
            let runs = Bot.getProp("runs", 0) + 1
            Bot.setProp("runs", runs, "integer")
            WebApp.render({content: JSON.stringify({run: runs, at: Date.now(), content}), mime_type: "application/json",
                headers: {"X-Run": String(runs)}})
            """;

    @Autowired
    PropertyRepository properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    private ConfigurableApplicationContext second;

    @AfterEach
    void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    @Test
    void concurrentDuplicatesOnTwoInstancesRunTheScriptOnceAndGetIdenticalAnswers() {
        Bots.TestBot bot = bots.create("pay").command("/onPay", COUNTING_COMMAND);
        bot.send("PATCH", "", Map.of("idempotency", Map.of("header", "Idempotency-Key"))).expectStatus().isOk();
        // Arguments, not default properties: application.yaml's server.port would win over those.
        second = new SpringApplicationBuilder(BotWebhooksApplication.class)
                .run("--server.port=0", "--webhooks.admin-token=" + ADMIN_TOKEN, "--" + ALLOCATION);
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        URI url = bot.url(Map.of("command", "/onPay"));
        List<URI> targets = List.of(bot.local(url),
                URI.create("http://127.0.0.1:" + secondPort + url.getRawPath() + "?" + url.getRawQuery()));
        double replaysBefore = replays();

        List<Reply> replies = Flux.range(0, 10)
                .flatMap(i -> post(targets.get(i % 2), "evt_1", "{\"id\":\"evt_1\"}").subscribeOn(Schedulers.parallel()), 10)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(replies).hasSize(10).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(replies.get(0).body());
            assertThat(reply.header("Content-Type")).isEqualTo("application/json");
            assertThat(reply.header("X-Run")).isEqualTo("1");
        });
        assertThat(replies).filteredOn(reply -> reply.header(IdempotentRuns.REPLAYED_HEADER) == null).hasSize(1);
        assertThat(replies).filteredOn(reply -> "true".equals(reply.header(IdempotentRuns.REPLAYED_HEADER))).hasSize(9);
        assertThat(runs(bot)).isEqualTo(1);
        assertThat(bot.getJson("/calls").get("calls").size()).as("one call logged").isEqualTo(1);
        assertThat(replays() - replaysBefore).as("replays counted on this instance").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRedeliveryGetsTheStoredAnswerAndAnotherIdRunsAgain() {
        Bots.TestBot bot = bots.create("stripe-like").command("/onPay", COUNTING_COMMAND);
        bot.send("PATCH", "", Map.of("idempotency", Map.of("json_path", "$.data.object.id"))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/onPay"));

        Reply first = post(url, null, "{\"data\": {\"object\": {\"id\": \"pi_1\"}}}").block();
        Reply again = post(url, null, "{\"data\": {\"object\": {\"id\": \"pi_1\"}}, \"attempt\": 2}").block();
        Reply other = post(url, null, "{\"data\": {\"object\": {\"id\": \"pi_2\"}}}").block();

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header(IdempotentRuns.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(other.header("X-Run")).isEqualTo("2");
        assertThat(other.header(IdempotentRuns.REPLAYED_HEADER)).isNull();
        assertThat(runs(bot)).isEqualTo(2);
    }

    @Test
    void aFailedFirstRunReleasesTheIdSoTheProvidersRetryRuns() {
        Bots.TestBot bot = bots.create("flaky").command("/onPay", "throw new Error('not ready')");
        bot.send("PATCH", "", Map.of("idempotency", Map.of("header", "webhook-id"))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/onPay"));

        Reply failed = postWithHeader(url, "webhook-id", "msg_1").block();
        bot.command("/onPay", COUNTING_COMMAND);
        Reply retried = postWithHeader(url, "webhook-id", "msg_1").block();
        Reply duplicate = postWithHeader(url, "webhook-id", "msg_1").block();

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header(IdempotentRuns.REPLAYED_HEADER)).isNull();
        assertThat(duplicate.header(IdempotentRuns.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(duplicate.body()).isEqualTo(retried.body());
        assertThat(runs(bot)).isEqualTo(1);
    }

    @Test
    void anUnreadableStoredIdempotencySettingRefusesTheWebhookInsteadOfRunningItWithoutOne() {
        Bots.TestBot bot = bots.create("broken-setting").command("/onPay", COUNTING_COMMAND);
        // Only a write that bypasses the admin API's validation can store this.
        db.sql("UPDATE bots SET settings = '{\"idempotency\": {\"header\": 5}}' WHERE id = :id").bind("id", bot.id())
                .fetch().rowsUpdated().block();

        Reply refused = postWithHeader(bot.localUrl(Map.of("command", "/onPay")), "Idempotency-Key", "k1").block();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(runs(bot)).isZero();
    }

    @Test
    void aDeliveryWithoutAnIdRunsEveryTime() {
        Bots.TestBot bot = bots.create("no-id").command("/onPay", COUNTING_COMMAND);
        bot.send("PATCH", "", Map.of("idempotency", Map.of("header", "Idempotency-Key"))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/onPay"));

        post(url, null, "{}").block();
        post(url, null, "{}").block();

        assertThat(runs(bot)).isEqualTo(2);
    }

    private Mono<Reply> post(URI url, String idempotencyKey, String body) {
        WebClient.RequestBodySpec request = WebClient.create().post().uri(url).contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.bodyValue(body).exchangeToMono(response -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> new Reply(response.statusCode().value(), response.headers().asHttpHeaders().toSingleValueMap(),
                        bytes)));
    }

    private Mono<Reply> postWithHeader(URI url, String header, String value) {
        return WebClient.create().post().uri(url).header(header, value).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(bytes -> new Reply(response.statusCode().value(),
                                response.headers().asHttpHeaders().toSingleValueMap(), bytes)));
    }

    private long runs(Bots.TestBot bot) {
        return properties.find(new PropertyKey(bot.id(), null, "runs")).blockOptional()
                .map(value -> value.value().asLong()).orElse(0L);
    }

    private double replays() {
        return meters.get("webhook.idempotent.replays").counter().count();
    }
}

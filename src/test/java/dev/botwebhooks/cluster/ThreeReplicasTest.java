package dev.botwebhooks.cluster;

import dev.botwebhooks.BotWebhooksApplication;
import dev.botwebhooks.support.BlockingCalls;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas of one deployment against one PostgreSQL, each a whole service on its own port, with
 * requests spread over them round robin as a Kubernetes Service would: a bot's rate limit holds for the
 * three together, a change made through one is seen by the others within a second, and scheduled runs
 * and idempotent deliveries still run once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeReplicasTest {

    private static final int RATE = 100;
    /**
     * Each replica's bucket (a third) absorbs a gap of 0.3 s in the requests it gets; it is empty when counting
     * starts (the load before spent it), so it adds nothing to the count.
     */
    private static final int BURST = 30;
    private static final Duration LOAD = Duration.ofSeconds(4);
    /** Offered load, sent whatever the answers (open loop): well over the limit, even where answers are slow. */
    private static final int OFFERED_PER_SECOND = 250;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final int CONNECTIONS = 256;
    /** Counted for a request that got no answer (connection lost): whether it passed the limit is unknown. */
    private static final int NO_ANSWER = -1;

    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private final List<String> baseUrls = new ArrayList<>();
    private Bots bots;

    @BeforeAll
    void startThreeReplicas() {
        String group = "three-replicas-" + UUID.randomUUID();
        String[] arguments = Stream.concat(
                Stream.of(EndToEndTest.instanceArguments()).filter(argument -> !argument.startsWith("--webhooks.replicas.group=")
                        && !argument.startsWith("--webhooks.cache.listen=")),
                Stream.of("--webhooks.replicas.group=" + group, "--webhooks.cache.listen=true",
                        // PostgreSQL's connections are shared with the rest of the test run.
                        "--spring.r2dbc.pool.max-size=10",
                        // The load comes from one address; the ban filter's share is tested on its own.
                        "--webhooks.admission.ban-exempt-ips=127.0.0.1",
                        // The load's connections may wait long for their turn on a loaded machine.
                        "--webhooks.ingress.header-timeout=60s",
                        // The slow command below busy-waits, which allocates until the JIT has warmed up.
                        "--webhooks.script.max-allocated=2GB")).toArray(String[]::new);
        // One after the other: Spring Boot's startup is not meant to run twice at once in one JVM.
        for (int replica = 0; replica < 3; replica++) {
            replicas.add(new SpringApplicationBuilder(BotWebhooksApplication.class).run(arguments));
        }
        replicas.forEach(context -> baseUrls.add("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")));
        bots = new Bots(client(0), baseUrls.get(0));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                replicas.stream().allMatch(context -> context.getBean(LiveReplicas.class).count() == 3));
    }

    @AfterEach
    void deleteBots() {
        bots.deleteAll();
        assertThat(BlockingCalls.drain()).as("blocking calls on Netty or Reactor parallel threads").isEmpty();
    }

    @AfterAll
    void stopReplicas() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aRateLimitOf100PerSecondAdmits100PerSecondAcrossTheThree() {
        Bots.TestBot bot = bots.create("limited").command("/pay", "WebApp.render({content: 'ok', mime_type: 'text/plain'})");
        // Every request is one delivery: what passes the rate limit is answered from the idempotency store
        // after the first run, so what this machine can run does not bound the load the limit sees.
        bot.send("PATCH", "", Map.of("rate_limit", Map.of("per_second", RATE, "burst", BURST),
                "idempotency", Map.of("header", "Idempotency-Key"))).expectStatus().isOk();
        URI url = bot.url(Map.of("command", "/pay"));
        List<URI> targets = List.of(on(0, url), on(1, url), on(2, url));
        // One load: the first WARM_UP of it warms the replicas up and empties their buckets, the rest is counted,
        // from the first counted request sent to the last answer (on a loaded machine the requests arrive over
        // a longer time than they were sent in, and the limit admits its rate over the time they arrived in).
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicLong start = new AtomicLong();
        load(targets, WARM_UP.plus(LOAD), WARM_UP.toMillis() * OFFERED_PER_SECOND / 1000, start, statuses);
        double seconds = (System.nanoTime() - start.get()) / 1e9;

        // Past the rate limit: answered (200, from the idempotency store after the first run), or refused
        // after it (503 when this machine is overloaded); only 429 is the rate limit's refusal.
        long limited = count(statuses, 429);
        long answered = statuses.values().stream().mapToLong(LongAdder::sum).sum() - count(statuses, NO_ANSWER);
        long passed = answered - limited;
        double offered = answered / seconds;
        double perSecond = passed / seconds;
        System.out.printf("three replicas: %d of %d requests past the rate limit in %.2f s = %.1f/s (limit %d/s, burst %d, "
                + "offered %.0f/s); statuses %s%n", passed, answered, seconds, perSecond, RATE, BURST, offered, statuses);
        assertThat(statuses.keySet()).as("answered, rate limited or overloaded").isSubsetOf(200, 429, 503, NO_ANSWER);
        assertThat(count(statuses, NO_ANSWER)).as("requests without an answer").isLessThanOrEqualTo(answered / 100);
        assertThat(limited).as("requests over the limit refused").isPositive();
        assertThat(perSecond).as("never more than the limit across the three").isLessThanOrEqualTo(RATE * 1.1);
        // A machine too busy to send well over the limit cannot show that the limit admits all of it.
        if (offered >= 1.5 * RATE) {
            assertThat(perSecond).as("the whole limit across the three").isGreaterThanOrEqualTo(RATE * 0.9);
        } else {
            System.out.printf("three replicas: offered only %.0f/s, so the lower bound was not checked%n", offered);
        }
        // What passed the limit may still wait for a pool connection: the next test starts when that is done.
        await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, 3).allMatch(replica ->
                client(replica).get().uri(baseUrls.get(replica) + "/api/v1/bots/" + bot.id())
                        .header("Authorization", "Bearer " + bot.apiKey())
                        .exchange().returnResult(String.class).getStatus().value() == 200));
    }

    @Test
    void aSecretRotatedOnOneReplicaIsRefusedByTheOtherTwoWithinASecond() {
        Bots.TestBot bot = bots.create("rotated").command("/pay", "WebApp.render({content: 'ok', mime_type: 'text/plain'})");
        URI url = bot.url(Map.of("command", "/pay"));
        for (int replica = 0; replica < 3; replica++) {
            assertThat(status(replica, url)).as("replica %d before", replica).isEqualTo(200);
        }

        bot.send("POST", "/webhook-secret/rotate", Map.of()).expectStatus().is2xxSuccessful();
        long rotated = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> status(1, url) == 404 && status(2, url) == 404);
        System.out.printf("three replicas: the rotation on one was refused by the other two after %d ms%n",
                (System.nanoTime() - rotated) / 1_000_000);
    }

    @Test
    void scheduledRunsRunOnceAcrossTheThree() {
        int jobs = 30;
        Bots.TestBot bot = bots.create("jobs").user(5, Map.of())
                .command("/start", "for (let i = 0; i < " + jobs + "; i++) Bot.run({command: '/job', run_after: 1, options: {i}})")
                .command("/job", "let end = Date.now() + 50; while (Date.now() < end) {}\nBot.sendMessage('job ' + options.i)");
        client(1).get().uri(on(1, bot.url(Map.of("command", "/start", "user_id", 5)))).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                bot.getJson("/scheduled-runs?status=done&limit=100").get("scheduled_runs").size() == jobs);

        JsonNode messages = bot.getJson("/messages?limit=100").get("messages");
        Set<String> texts = new HashSet<>();
        messages.forEach(message -> texts.add(message.get("text").asString()));
        assertThat(messages).hasSize(jobs);
        assertThat(texts).hasSize(jobs);
        assertThat(bot.getJson("/calls?limit=100").get("calls")).hasSize(jobs + 1);
        assertThat(bot.getJson("/scheduled-runs?limit=100").get("scheduled_runs"))
                .allSatisfy(job -> assertThat(job.get("attempts").asInt()).isEqualTo(1));
    }

    @Test
    void anIdempotentDeliverySentToAllThreeRunsOnce() {
        Bots.TestBot bot = bots.create("idempotent").command("/onPay", """
                let start = Date.now()
                while (Date.now() - start < 300) {}
                let runs = Bot.getProp("runs", 0) + 1
                Bot.setProp("runs", runs, "integer")
                WebApp.render({content: "run " + runs, mime_type: "text/plain"})
                """);
        bot.send("PATCH", "", Map.of("idempotency", Map.of("header", "Idempotency-Key"))).expectStatus().isOk();
        URI url = bot.url(Map.of("command", "/onPay"));
        WebClient client = WebClient.create();

        List<String> answers = Flux.range(0, 9)
                .flatMap(i -> client.post().uri(on(i % 3, url))
                        .header("Idempotency-Key", "evt_1").bodyValue("{}")
                        .exchangeToMono(response -> response.bodyToMono(String.class)
                                .map(body -> response.statusCode().value() + " " + body)), 9)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(answers).hasSize(9).containsOnly("200 run 1");
        assertThat(bot.getJson("/calls").get("calls")).as("one call logged").hasSize(1);
    }

    /**
     * GETs round robin at {@link #OFFERED_PER_SECOND} for {@code duration}, those from the {@code countFrom}th on
     * counted by status. Open loop, so that slow answers on a loaded machine do not lower the load the limit sees.
     */
    private static void load(List<URI> targets, Duration duration, long countFrom, AtomicLong countedSince,
            Map<Integer, LongAdder> statuses) {
        // Idle connections retired before the server's header deadline closes them under a request.
        ConnectionProvider connections = ConnectionProvider.builder("load").maxConnections(CONNECTIONS)
                .maxIdleTime(Duration.ofSeconds(5)).pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        long requests = duration.toMillis() * OFFERED_PER_SECOND / 1000;
        try {
            Flux.interval(Duration.ofNanos(1_000_000_000L / OFFERED_PER_SECOND)).take(requests)
                    .onBackpressureBuffer()
                    .doOnNext(i -> {
                        if (i == countFrom) {
                            countedSince.set(System.nanoTime());
                        }
                    })
                    .flatMap(i -> client.get().uri(targets.get((int) (i % targets.size())))
                            .header("Idempotency-Key", "one-delivery")
                            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                            .onErrorReturn(NO_ANSWER)
                            .filter(status -> i >= countFrom)
                            .doOnNext(status -> statuses.computeIfAbsent(status, key -> new LongAdder()).increment()),
                            CONNECTIONS)
                    .blockLast(duration.plusSeconds(60));
        } finally {
            connections.dispose();
        }
    }

    /** A generated webhook URL, pointed at one replica. */
    private URI on(int replica, URI generated) {
        return URI.create(baseUrls.get(replica) + generated.getRawPath() + "?" + generated.getRawQuery());
    }

    private int status(int replica, URI url) {
        return client(replica).get().uri(on(replica, url)).exchange().returnResult(String.class).getStatus().value();
    }

    private WebTestClient client(int replica) {
        return WebTestClient.bindToServer().baseUrl(baseUrls.get(replica)).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static long count(Map<Integer, LongAdder> statuses, int status) {
        LongAdder adder = statuses.get(status);
        return adder == null ? 0 : adder.sum();
    }
}

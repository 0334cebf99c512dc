package dev.botwebhooks.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end tests: the whole application on a random port (actuator on another random
 * one, as in production where it is never public), a real PostgreSQL
 * (configured, else embedded), real HTTP. Each test makes its own bots and deletes them after, and
 * fails when BlockHound saw a blocking call on a Netty or Reactor parallel thread while it ran, or when an admin API
 * answer it received disagrees with the OpenAPI document ({@link OpenApiContract}).
 * Chat messages go to the JVM's {@link FakeTelegram}; the workers poll fast so that tests are quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "webhooks.admin-token=" + EndToEndTest.ADMIN_TOKEN,
        "webhooks.delivery.poll-interval=" + EndToEndTest.POLL_INTERVAL,
        "webhooks.delivery.initial-backoff=" + EndToEndTest.POLL_INTERVAL,
        "webhooks.scheduled-runs.poll-interval=" + EndToEndTest.POLL_INTERVAL,
        "webhooks.scheduled-runs.initial-backoff=" + EndToEndTest.POLL_INTERVAL,
        "webhooks.http.poll-interval=" + EndToEndTest.POLL_INTERVAL,
        // Scripts' HTTP requests may reach the test servers on 127.0.0.3 and no other internal address;
        // small bounds, so that tests cross them quickly.
        "webhooks.http.allowed-ranges=" + EndToEndTest.SCRIPT_HTTP_ALLOWED,
        "webhooks.http.timeout=1s", "webhooks.http.max-response-size=64KB", "webhooks.http.max-redirects=2",
        "webhooks.http.max-concurrent-per-bot=2",
        // Several application contexts stay cached during a run: idle pools must not exhaust PostgreSQL's connections.
        // A pool that grew under a test's load gives its idle connections back within seconds (the pool's
        // background eviction runs every max-idle-time), not after the default 30 minutes.
        "spring.r2dbc.pool.initial-size=1", "spring.r2dbc.pool.max-idle-time=3s",
        // Each context a deployment of its own, so that contexts cached by other tests take no share of its limits.
        "webhooks.replicas.group=${random.uuid}",
        // No listening connection per cached context (PostgreSQL's connections are few): tests that need the
        // change feed turn it on.
        "webhooks.cache.listen=false"})
public abstract class EndToEndTest {

    public static final String ADMIN_TOKEN = "test-admin-token";
    static final String POLL_INTERVAL = "100ms";
    /** Where tests' servers for scripts' HTTP requests listen: loopback, but not 127.0.0.1, which stays refused. */
    public static final String SCRIPT_HTTP_HOST = "127.0.0.3";
    static final String SCRIPT_HTTP_ALLOWED = SCRIPT_HTTP_HOST + "/32";

    /** The test properties as arguments, for another application instance started by a test. */
    public static String[] instanceArguments() {
        return new String[] {"--server.port=0", "--management.server.port=0", "--webhooks.admin-token=" + ADMIN_TOKEN,
                "--webhooks.delivery.poll-interval=" + POLL_INTERVAL,
                "--webhooks.delivery.initial-backoff=" + POLL_INTERVAL,
                "--webhooks.scheduled-runs.poll-interval=" + POLL_INTERVAL,
                "--webhooks.scheduled-runs.initial-backoff=" + POLL_INTERVAL,
                "--webhooks.http.poll-interval=" + POLL_INTERVAL,
                "--webhooks.http.allowed-ranges=" + SCRIPT_HTTP_ALLOWED,
                "--webhooks.http.timeout=1s", "--webhooks.http.max-response-size=64KB", "--webhooks.http.max-redirects=2",
                "--webhooks.http.max-concurrent-per-bot=2",
                "--spring.r2dbc.pool.initial-size=1", "--spring.r2dbc.pool.max-idle-time=3s",
                "--webhooks.replicas.group=${random.uuid}",
                "--webhooks.cache.listen=false",
                "--webhooks.telegram.api-base-url=" + FakeTelegram.instance().baseUrl()};
    }

    @DynamicPropertySource
    static void chatApi(DynamicPropertyRegistry registry) {
        registry.add("webhooks.telegram.api-base-url", () -> FakeTelegram.instance().baseUrl());
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected String baseUrl;
    protected WebTestClient http;
    /** Actuator: /livez, /readyz, /actuator/prometheus, /actuator/info. */
    protected WebTestClient management;
    protected Bots bots;

    /**
     * A connection per request: in two of this project's full runs one request sent on a kept-alive connection met
     * the service closing it ("connection reset", "closed BEFORE response"), failing an unrelated test. Keep-alive itself is tested on raw sockets (ConnectionLimitTest, IngressLimitsTest); why the service
     * closed those two is still open.
     */
    private static final ConnectionProvider CONNECTION_PER_REQUEST = ConnectionProvider.newConnection();

    @BeforeEach
    void connect() {
        baseUrl = "http://127.0.0.1:" + port;
        http = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(CONNECTION_PER_REQUEST)))
                .baseUrl(baseUrl)
                // The first save of code that needs transpiling loads Babel (once per JVM): seconds on a quiet
                // machine, a minute on one running other builds.
                .responseTimeout(Duration.ofSeconds(120))
                // Every admin API answer a test receives is checked against the OpenAPI document.
                .filter(OpenApiContract.instance().filter())
                .build();
        management = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        bots = new Bots(http, baseUrl);
    }

    @Autowired
    protected MeterRegistry meters;

    @AfterEach
    void deleteBots() {
        bots.deleteAll();
    }

    @AfterEach
    void noBlockingCallOnNonBlockingThreads() {
        assertThat(BlockingCalls.drain()).as("blocking calls on Netty or Reactor parallel threads").isEmpty();
    }

    /** The {@code webhook.rejections} count of one reason, e.g. {@code "rate_limited"}. */
    /** The text's webhook call as this user (a signed URL from the admin API), its status checked, its JSON answer. */
    protected JsonNode callAs(Bots.TestBot bot, long userId, String text, int status) {
        return Bots.json(http.get().uri(bot.localUrl(Map.of("command", text, "user_id", userId))).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody());
    }

    /** Saves the code as the command /run and gives the answer of its call as user 1. */
    protected String answerOf(Bots.TestBot bot, String code) {
        bot.command("/run", code);
        return callAs(bot, 1, "/run", 200).get("answer").asString();
    }

    protected double rejections(String reason) {
        Counter counter = meters.find("webhook.rejections").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}

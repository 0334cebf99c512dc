package dev.botwebhooks.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end tests: the whole application on a random port, a real PostgreSQL
 * (configured, else embedded), real HTTP. Each test makes its own bots and deletes them after, and
 * fails when BlockHound saw a blocking call on a Netty or Reactor parallel thread while it ran.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "webhooks.admin-token=" + EndToEndTest.ADMIN_TOKEN)
public abstract class EndToEndTest {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @LocalServerPort
    protected int port;

    protected String baseUrl;
    protected WebTestClient http;
    protected Bots bots;

    @BeforeEach
    void connect() {
        baseUrl = "http://127.0.0.1:" + port;
        http = WebTestClient.bindToServer()
                .baseUrl(baseUrl)
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
    protected double rejections(String reason) {
        Counter counter = meters.find("webhook.rejections").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}

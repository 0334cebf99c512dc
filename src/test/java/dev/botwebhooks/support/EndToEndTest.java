package dev.botwebhooks.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/**
 * Base of the end-to-end tests: the whole application on a random port, a real PostgreSQL
 * (configured, else embedded), real HTTP. Each test makes its own bots and deletes them after.
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

    @AfterEach
    void deleteBots() {
        bots.deleteAll();
    }
}

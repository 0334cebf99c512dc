package dev.botwebhooks.run;

import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** PostgreSQL unreachable (a closed port): webhooks answer 503 with Retry-After, never 200. */
@TestPropertySource(properties = {
        "webhooks.database.host=127.0.0.1",
        "webhooks.database.port=1",
        "spring.flyway.enabled=false",
        "spring.r2dbc.pool.max-acquire-time=2s"})
class DatabaseDownTest extends EndToEndTest {

    @Test
    void aWebhookAnswers503WithRetryAfterWhenTheDatabaseIsUnreachable() {
        double before = rejections("unavailable");

        http.get().uri("/v1/bots/1/new-webhook?command=%2Fpay&sig=AAAA").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.error").isEqualTo("temporarily unavailable, retry later");

        org.assertj.core.api.Assertions.assertThat(rejections("unavailable") - before).isEqualTo(1);
    }
}

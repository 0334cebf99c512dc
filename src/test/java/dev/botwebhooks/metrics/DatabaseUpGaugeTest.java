package dev.botwebhooks.metrics;

import dev.botwebhooks.support.EndToEndTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** database.up: 1 against the test database, 0 against a port where no PostgreSQL listens. */
class DatabaseUpGaugeTest extends EndToEndTest {

    @Test
    void isOneWhilePostgreSqlAnswersAndExported() {
        assertThat(meters.get("database.up").gauge().value()).isEqualTo(1.0);
        String text = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(text).containsPattern("(?m)^database_up\\{application=\"bot-webhooks\"} 1\\.0$");
    }

    @Test
    void isZeroWhenNoDatabaseAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseClient unreachable = DatabaseClient.create(ConnectionFactories.get(
                "r2dbc:postgresql://postgres@127.0.0.1:" + closedPort + "/none?connectTimeout=PT1S"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DatabaseUpGauge gauge = new DatabaseUpGauge(unreachable, registry);

        assertThat(gauge.check().block(Duration.ofSeconds(10))).isFalse();
        assertThat(registry.get("database.up").gauge().value()).isZero();
    }
}

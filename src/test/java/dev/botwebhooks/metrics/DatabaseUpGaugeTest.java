package dev.botwebhooks.metrics;

import dev.botwebhooks.support.EndToEndTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * database.up: 1 against the test database, 0 against a port where no PostgreSQL listens; asked once per interval,
 * not in a loop (a check that counted as work found was repeated at once, thousands of times a second).
 */
class DatabaseUpGaugeTest extends EndToEndTest {

    @Autowired
    ConnectionFactory connections;

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

    @Test
    void asksOncePerIntervalNotInALoop() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        ConnectionFactory counting = new ConnectionFactory() {
            @Override
            public Publisher<? extends Connection> create() {
                asked.incrementAndGet();
                return connections.create();
            }

            @Override
            public ConnectionFactoryMetadata getMetadata() {
                return connections.getMetadata();
            }
        };
        DatabaseUpGauge gauge = new DatabaseUpGauge(DatabaseClient.create(counting), new SimpleMeterRegistry());
        gauge.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge.value() == 1);
            // A second, well within the 5 s interval: a loop would ask hundreds of times meanwhile.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> asked.get() == 1);
        } finally {
            CountDownLatch stopped = new CountDownLatch(1);
            gauge.stop(stopped::countDown);
            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}

package dev.botwebhooks.metrics;

import dev.botwebhooks.scheduling.PollingWorker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code database.up}: 1 while PostgreSQL answered the last trivial query (asked every few seconds),
 * else 0. Readiness already says so, but alert rules can only read metrics.
 */
@Component
public class DatabaseUpGauge extends PollingWorker {

    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Shorter than the interval, so that checks never pile up. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final DatabaseClient database;
    private final AtomicInteger up = new AtomicInteger();

    DatabaseUpGauge(DatabaseClient database, MeterRegistry registry) {
        super("database check", INTERVAL, true);
        this.database = database;
        Gauge.builder("database.up", up, AtomicInteger::get)
                .description("1 while PostgreSQL answers a trivial query (checked every 5 s), else 0")
                .register(registry);
    }

    /** Nothing to drain: a poll that says it handled something is repeated at once, and this one always could. */
    @Override
    protected Mono<Integer> pollOnce() {
        return check().thenReturn(0);
    }

    /** Asks PostgreSQL once and records whether it answered in time. */
    Mono<Boolean> check() {
        return database.sql("SELECT 1").fetch().first()
                .timeout(TIMEOUT)
                .map(row -> true)
                .defaultIfEmpty(false)
                .onErrorReturn(false)
                .doOnNext(answered -> up.set(answered ? 1 : 0));
    }

    int value() {
        return up.get();
    }
}

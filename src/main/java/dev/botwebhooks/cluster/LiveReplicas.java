package dev.botwebhooks.cluster;

import dev.botwebhooks.scheduling.PollingWorker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How many replicas of this deployment are alive, this one included: each beats in the {@code replicas}
 * table every {@code heartbeat} and counts those of its group heard from within {@code timeout} (the
 * database's clock decides, so replicas' clocks need not agree). A replica that stops cleanly removes
 * its row, so the others take over its share at their next beat rather than after the timeout.
 * <p>
 * While the database cannot be reached the last count stays: the limits neither double nor vanish.
 */
@Component
public class LiveReplicas extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(LiveReplicas.class);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final DatabaseClient db;
    private final ReplicaProperties properties;
    private final UUID id = UUID.randomUUID();
    private final String host = Objects.requireNonNullElse(System.getenv("HOSTNAME"), "unknown");
    private volatile int count = 1;

    LiveReplicas(DatabaseClient db, ReplicaProperties properties, MeterRegistry registry) {
        super("replica heartbeat", properties.heartbeat(), true);
        this.db = db;
        this.properties = properties;
        Gauge.builder("replicas.live", this, LiveReplicas::count)
                .description("Replicas of this deployment alive now as this one counts them; each takes 1/n of every limit")
                .register(registry);
    }

    /** Live replicas, this one included: at least 1. */
    public int count() {
        return count;
    }

    @Override
    protected Mono<Integer> pollOnce() {
        // The count leaves this replica out and adds it back: its own first row is not visible to the
        // statement that inserts it.
        return db.sql("WITH beat AS (INSERT INTO replicas (id, grp, host) VALUES (:id, :grp, :host) "
                        + "ON CONFLICT (id) DO UPDATE SET seen_at = now()), "
                        + "forgotten AS (DELETE FROM replicas WHERE seen_at < now() - make_interval(secs => :forget)) "
                        + "SELECT count(*) AS others FROM replicas "
                        + "WHERE grp = :grp AND id <> :id AND seen_at > now() - make_interval(secs => :timeout)")
                .bind("id", id).bind("grp", properties.group()).bind("host", host)
                .bind("forget", (double) FORGET_AFTER.toSeconds())
                .bind("timeout", properties.timeout().toMillis() / 1000.0)
                .map(row -> row.get("others", Long.class)).one()
                .map(others -> {
                    int live = (int) Math.min(Integer.MAX_VALUE - 1, others) + 1;
                    if (live != count) {
                        log.info("{} live replicas (was {}); each takes 1/{} of the limits", live, count, live);
                        count = live;
                    }
                    return 0;
                });
    }

    @Override
    public void stop(Runnable callback) {
        super.stop(() -> leave().subscribe(null, error -> callback.run(), callback));
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    private Mono<Void> leave() {
        return db.sql("DELETE FROM replicas WHERE id = :id").bind("id", id).fetch().rowsUpdated()
                .timeout(properties.heartbeat())
                .doOnError(error -> log.debug("could not remove this replica's heartbeat: {}", error.toString()))
                .then();
    }
}

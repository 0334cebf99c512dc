package dev.botwebhooks.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells this replica's caches what changed in PostgreSQL, whichever replica changed it: the database's
 * triggers announce each changed bot, command and user on {@value #CHANNEL} at commit, and this listens
 * on a connection of its own (a pooled one would be handed to queries and miss notifications).
 * <p>
 * While that connection is down notifications are lost, so the caches fall back to their TTL, and
 * every (re)connection forgets everything cached: whatever changed in between is loaded afresh. A
 * connection that stops answering (a network partition sends no reset) is found by a ping and replaced.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    static final String CHANNEL = "cache_changes";
    static final String APPLICATION_NAME = "bot-webhooks cache changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** A table's cache: forgets one key, or everything when notifications may have been missed. */
    private record Subscriber(String table, Consumer<Change> forget, Runnable forgetAll) {
    }

    private final ConnectionFactory connections;
    private final CacheProperties properties;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Counter received;
    private final Counter reconnects;
    private volatile boolean listening;
    private volatile boolean everListened;
    private volatile Disposable running;

    ChangeFeed(ConnectionFactory pool, CacheProperties properties, MeterRegistry registry) {
        this.connections = unpooled(pool);
        this.properties = properties;
        this.received = Counter.builder("cache.changes.received")
                .description("Changes announced by PostgreSQL that made this replica forget cached entries")
                .register(registry);
        this.reconnects = Counter.builder("cache.changes.reconnects")
                .description("Times the connection listening for changes was lost (the caches forgot everything when it came back)")
                .register(registry);
        Gauge.builder("cache.changes.listening", this, feed -> feed.listening ? 1 : 0)
                .description("1 while this replica hears of changes made elsewhere at once; 0 while its caches rely on their TTL")
                .register(registry);
    }

    /** Calls {@code forget} for each change to {@code table}, {@code forgetAll} after each (re)connection. */
    public void subscribe(String table, Consumer<Change> forget, Runnable forgetAll) {
        subscribers.add(new Subscriber(table, forget, forgetAll));
    }

    /** Whether changes made on other replicas reach this one's caches now (else within their TTL). */
    public boolean listening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        if (!properties.listen() || running != null) {
            return;
        }
        running = Flux.defer(this::session)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY).maxBackoff(LAST_RETRY)
                        // A session that got as far as listening starts the backoff anew when it drops.
                        .transientErrors(true)
                        .doBeforeRetry(signal -> lost(signal.failure())))
                .subscribe();
    }

    /** Emits once when listening; fails when the connection is lost. */
    private Flux<Boolean> session() {
        return Flux.usingWhen(Mono.from(connections.create()),
                connection -> listen(postgresql(connection)),
                Connection::close, (connection, error) -> connection.close(), Connection::close);
    }

    private Flux<Boolean> listen(PostgresqlConnection connection) {
        // Subscribed to before LISTEN, so that nothing sent after LISTEN is missed.
        Flux<Boolean> notifications = connection.getNotifications()
                .doOnNext(this::dispatch)
                .thenMany(Flux.error(new IllegalStateException("the listening connection was closed")));
        // Named, so that pg_stat_activity tells which connection listens (and a test can cut it).
        Flux<Boolean> listened = connection.createStatement("SET application_name = '" + APPLICATION_NAME + "'; LISTEN "
                        + CHANNEL).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromCallable(this::listened))
                .concatWith(ping(connection));
        return Flux.merge(notifications, listened);
    }

    private boolean listened() {
        // Whatever changed before LISTEN took effect was not announced to this connection.
        subscribers.forEach(subscriber -> subscriber.forgetAll().run());
        listening = true;
        if (everListened) {
            log.info("listening for cache changes again; caches emptied");
        }
        everListened = true;
        return true;
    }

    private Flux<Boolean> ping(PostgresqlConnection connection) {
        Duration every = properties.listenPing();
        return Flux.interval(every)
                .concatMap(tick -> connection.validate(ValidationDepth.REMOTE).timeout(every))
                .flatMap(alive -> alive ? Mono.empty()
                        : Mono.error(new IllegalStateException("the listening connection stopped answering")));
    }

    private void lost(Throwable error) {
        boolean was = listening;
        listening = false;
        if (was) {
            reconnects.increment();
            log.warn("stopped listening for cache changes ({}); caches rely on their TTL until it reconnects",
                    error.toString());
        } else if (!everListened) {
            log.warn("cannot listen for cache changes yet ({}); trying again", error.toString());
        }
    }

    private void dispatch(Notification notification) {
        Change change = Change.parse(notification.getParameter());
        if (change == null) {
            log.warn("ignored a cache change notification that does not parse: {}", notification.getParameter());
            return;
        }
        received.increment();
        for (Subscriber subscriber : subscribers) {
            if (subscriber.table().equals(change.table())) {
                try {
                    subscriber.forget().accept(change);
                } catch (RuntimeException malformed) {
                    // Not the trigger's format: forget the whole table rather than keep what may be stale.
                    log.warn("cache change {} not understood ({}); forgetting all of {}", change, malformed, change.table());
                    subscriber.forgetAll().run();
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        listening = false;
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    private static PostgresqlConnection postgresql(Connection connection) {
        Connection unwrapped = connection;
        while (!(unwrapped instanceof PostgresqlConnection) && unwrapped instanceof Wrapped<?> wrapped
                && wrapped.unwrap() instanceof Connection inner) {
            unwrapped = inner;
        }
        if (unwrapped instanceof PostgresqlConnection postgresql) {
            return postgresql;
        }
        throw new IllegalStateException("not a PostgreSQL connection: " + connection.getClass().getName());
    }

    /** The driver's own factory under the pool (and any proxy), for a connection the pool does not manage. */
    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory unwrapped = factory;
        while (unwrapped instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            unwrapped = inner;
        }
        return unwrapped;
    }
}

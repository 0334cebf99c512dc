package dev.botwebhooks.idempotency;

import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.CommandRunner;
import dev.botwebhooks.run.CommitHook;
import dev.botwebhooks.run.RunResult;
import dev.botwebhooks.run.RunRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a delivery with an id at most once per retention: the first delivery claims the id and runs,
 * its answer is stored in the run's own transaction, every other delivery gets that answer.
 * <p>
 * Only an answer the script chose is stored: a run that failed (script error, limit, database down),
 * was refused (unknown command or user) or answered 5xx releases its claim, because the provider's
 * retry is exactly what should happen then. A replica that dies mid-run leaves its claim to lapse
 * after {@code webhooks.idempotency.lease}.
 */
@Component
public class IdempotentRuns {

    /** Marks a replayed answer; the status, the other headers and the body are the stored ones. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotentRuns.class);

    private final IdempotencyStore store;
    private final CommandRunner runner;
    private final Clock clock;
    private final IdempotencyProperties config;
    private final Counter replays;
    private final long maxPolls;
    /** Set once the web server is up (its port names this instance); until then the claims carry only the incarnation. */
    private volatile ClaimOwner owner = new ClaimOwner(null, UUID.randomUUID());

    IdempotentRuns(IdempotencyStore store, CommandRunner runner, Clock clock,
            IdempotencyProperties config, MeterRegistry registry) {
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.config = config;
        this.maxPolls = Math.max(1, config.maxWait().toNanos() / Math.max(1, config.poll().toNanos()));
        this.replays = Counter.builder("webhook.idempotent.replays")
                .description("Redeliveries answered with the stored answer of their first delivery")
                .register(registry);
    }

    /** Runs the request unless its delivery id already has an answer; waits, bounded, while another delivery runs. */
    public Mono<IdempotentResult> run(RunRequest request, String deliveryId) {
        return attempt(request, key(request, deliveryId), maxPolls);
    }

    /** The stored answer of a delivery id, as a replay; empty when there is none (or it expired). */
    public Mono<IdempotentResult.Replayed> storedAnswer(RunRequest request, String deliveryId) {
        return store.find(key(request, deliveryId), clock.instant()).map(this::replay);
    }

    private Mono<IdempotentResult> attempt(RunRequest request, DeliveryKey id, long pollsLeft) {
        Instant now = clock.instant();
        return store.claim(id, now, now.plus(config.lease()), now.plus(config.retention()), owner).flatMap(claim -> {
            if (claim instanceof Claim.Won won) {
                return runAsOwner(request, id, won.token());
            }
            if (claim instanceof Claim.Stored stored) {
                return Mono.just(replay(stored.answer()));
            }
            if (pollsLeft <= 0) {
                return Mono.just(new IdempotentResult.StillRunning());
            }
            return Mono.delay(config.poll()).then(Mono.defer(() -> attempt(request, id, pollsLeft - 1)));
        });
    }

    private Mono<IdempotentResult> runAsOwner(RunRequest request, DeliveryKey id, UUID token) {
        AtomicReference<RunResult.Logged> stored = new AtomicReference<>();
        CommitHook store = result -> {
            if (!(result instanceof RunResult.Succeeded) || result.answer().status() >= 500) {
                return Mono.empty();
            }
            return this.store.complete(id, token, result.callId(), result.answer(), clock.instant().plus(config.retention()))
                    .doOnSuccess(done -> stored.set(result));
        };
        return Mono.defer(() -> {
                    Disposable heartbeat = heartbeat(id, token);
                    return runner.run(request, store).doFinally(signal -> heartbeat.dispose());
                })
                // The identity check also catches a commit that failed after the answer was stored.
                .flatMap(result -> result == stored.get() ? Mono.just(result) : release(id, token).thenReturn(result))
                .<IdempotentResult>map(IdempotentResult.Ran::new)
                .doOnCancel(() -> release(id, token).subscribe());
    }

    /**
     * Renews the claim while its run goes on, so that the lease can be short: a duplicate takes over only
     * when the owner stopped renewing (it crashed or lost the database), not because its script is slow.
     */
    private Disposable heartbeat(DeliveryKey id, UUID token) {
        Duration every = config.lease().dividedBy(3);
        return Flux.interval(every, every)
                .concatMap(tick -> store.renew(id, token, clock.instant().plus(config.lease()))
                        .onErrorResume(error -> Mono.just(true)))
                .takeWhile(Boolean::booleanValue)
                .subscribe();
    }

    @EventListener
    void identify(WebServerInitializedEvent started) {
        owner = new ClaimOwner(hostName() + ":" + started.getWebServer().getPort(), owner.incarnation());
    }

    /** A restarted instance gives up what its crashed incarnation held, so redeliveries need not wait for the lease. */
    @EventListener(ApplicationReadyEvent.class)
    void releaseEarlierIncarnations() {
        store.releaseEarlierIncarnations(owner)
                .doOnNext(released -> {
                    if (released > 0) {
                        log.info("released {} delivery claims held by an earlier run of {}", released, owner.name());
                    }
                })
                .onErrorResume(error -> {
                    log.warn("could not release the delivery claims of an earlier run of {}; they lapse after {}",
                            owner.name(), config.lease(), error);
                    return Mono.empty();
                })
                .subscribe();
    }

    ClaimOwner owner() {
        return owner;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "localhost";
        }
    }

    private Mono<Void> release(DeliveryKey id, UUID token) {
        return store.release(id, token).onErrorResume(error -> {
            log.warn("could not release delivery {} of bot {}; it lapses after {}", id.key(), id.botId(),
                    config.lease(), error);
            return Mono.empty();
        });
    }

    private IdempotentResult.Replayed replay(Answer stored) {
        replays.increment();
        Map<String, String> headers = new LinkedHashMap<>(stored.headers());
        headers.put(REPLAYED_HEADER, "true");
        return new IdempotentResult.Replayed(new Answer(stored.status(), stored.contentType(), headers, stored.body(), null));
    }

    private static DeliveryKey key(RunRequest request, String deliveryId) {
        String scope = request.commandLine().strip() + (request.userId() == null ? "" : " @" + request.userId());
        return new DeliveryKey(request.bot().id(), scope, deliveryId);
    }
}

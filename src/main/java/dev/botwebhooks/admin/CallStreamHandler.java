package dev.botwebhooks.admin;

import dev.botwebhooks.call.CallTail;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;

import static org.springframework.web.reactive.function.BodyInserters.fromServerSentEvents;

/**
 * {@code GET /api/v1/bots/{botId}/calls/stream}: the bot's calls as they commit, as server-sent events named
 * {@code call} whose data is an item of {@code GET .../calls}. Bounded per bot, in total and in time; a comment
 * every heartbeat keeps idle connections open. Streams end when the service stops, so that they do not hold up its
 * graceful shutdown (which waits for open requests).
 */
@Component
class CallStreamHandler implements SmartLifecycle {

    /** Seconds a refused client is told to wait; the console retries on its own. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final AdminAuthentication auth;
    private final CallTail tail;
    private final CallStreamProperties properties;
    private final StreamSlots slots;
    /** Completed on stop; a new one on each start, since a stopped context may start again (tests pause cached ones). */
    private volatile Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile boolean running;

    CallStreamHandler(AdminAuthentication auth, CallTail tail, CallStreamProperties properties, MeterRegistry registry) {
        this.auth = auth;
        this.tail = tail;
        this.properties = properties;
        this.slots = new StreamSlots(properties.maxPerBot(), properties.maxTotal());
        Gauge.builder("console.call.streams", slots, StreamSlots::open)
                .description("Live tails of the call log open on this replica").register(registry);
    }

    Mono<ServerResponse> stream(ServerRequest request) {
        return auth.bot(request).flatMap(botId -> {
            StreamSlots.Slot slot = running ? slots.take(botId) : null;
            if (slot == null) {
                return Mono.error(ApiProblem.unavailable(
                        "too many live streams are open for this bot or this service; retry later", RETRY_AFTER_SECONDS));
            }
            Flux<ServerSentEvent<CallView>> calls = tail.follow(botId, properties.pollInterval(), properties.lookback())
                    .map(call -> ServerSentEvent.builder(CallView.of(call)).event("call").id(Long.toString(call.id())).build());
            // The first comment at once: the headers are written with the first event, and a client should
            // not wait a heartbeat to learn that its stream is open.
            Flux<ServerSentEvent<CallView>> heartbeats = Flux.interval(Duration.ZERO, properties.heartbeat())
                    .map(tick -> ServerSentEvent.<CallView>builder().comment("heartbeat").build());
            Flux<ServerSentEvent<CallView>> events = Flux.merge(calls, heartbeats)
                    .take(properties.maxDuration())
                    .takeUntilOther(stopping.asMono())
                    .doFinally(signal -> slot.release());
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    // A proxy that buffers would hold the events back.
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Accel-Buffering", "no")
                    .body(fromServerSentEvents(events))
                    // A response never written never subscribes to its events: the slot is given back here then.
                    .doOnCancel(slot::release).doOnError(error -> slot.release());
        });
    }

    @Override
    public void start() {
        stopping = Sinks.empty();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown, which would otherwise wait for the open streams. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}

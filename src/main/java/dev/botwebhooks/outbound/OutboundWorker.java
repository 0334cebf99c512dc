package dev.botwebhooks.outbound;

import dev.botwebhooks.httprequest.ClaimedHttpRequest;
import dev.botwebhooks.httprequest.HttpRequestRepository;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.run.RunCommitted;
import dev.botwebhooks.scheduling.PollingWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the stored requests of scripts and answers each by running its success or error command as a job,
 * with the response body as {@code content} and {@code http_status}, {@code http_headers}, {@code cookies}
 * in {@code options}. The outcome and the callback job commit together, only while the claim is ours, so
 * the callback runs once; a crash after sending and before that commit sends the request again.
 */
@Component
class OutboundWorker extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboundWorker.class);
    static final List<String> OUTCOMES = List.of("success", "http_error", "blocked", "timeout", "too_large",
            "too_many_redirects", "failed");
    private static final Duration POSTPONE = Duration.ofMillis(200);

    private final HttpRequestRepository requests;
    private final JobRepository jobs;
    private final ScriptHttpClient client;
    private final TransactionalOperator transaction;
    private final OutboundProperties settings;
    private final JsonMapper json;
    private final Map<Long, Integer> inFlightPerBot = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Timer duration;

    OutboundWorker(HttpRequestRepository requests, JobRepository jobs, ScriptHttpClient client,
            TransactionalOperator transaction, OutboundProperties settings, JsonMapper json, MeterRegistry registry) {
        super("script HTTP requests", settings.pollInterval(), settings.enabled());
        this.requests = requests;
        this.jobs = jobs;
        this.client = client;
        this.transaction = transaction;
        this.settings = settings;
        this.json = json;
        for (String outcome : OUTCOMES) {
            outcomes.put(outcome, Counter.builder("script.http.requests").description("HTTP requests of scripts, by outcome")
                    .tag("outcome", outcome).register(registry));
        }
        this.duration = Timer.builder("script.http.duration").description("HTTP requests of scripts, send to last byte")
                .publishPercentileHistogram().register(registry);
    }

    @EventListener
    void onCommit(RunCommitted committed) {
        if (committed.httpRequests() > 0) {
            wake();
        }
    }

    @Override
    protected Mono<Integer> pollOnce() {
        return requests.claim(settings.batchSize(), settings.lease())
                .flatMap(this::handle, settings.maxConcurrent())
                .count().map(Long::intValue);
    }

    private Mono<Void> handle(ClaimedHttpRequest request) {
        if (!enter(request.botId())) {
            return requests.postpone(request, POSTPONE).onErrorResume(e -> Mono.empty());
        }
        long start = System.nanoTime();
        OutboundRequest first = new OutboundRequest(request.request().method(), URI.create(request.request().url()),
                request.request().headers(), request.request().body());
        return client.send(first, request.request().followRedirects())
                .doOnNext(response -> duration.record(Duration.ofNanos(System.nanoTime() - start)))
                .flatMap(response -> settle(request, response))
                .doFinally(signal -> leave(request.botId()))
                // Database down or lease lost: the claim lapses and the request is sent again.
                .onErrorResume(error -> {
                    log.warn("HTTP request {} of bot {} could not be recorded: {}", request.id(), request.botId(), error.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> settle(ClaimedHttpRequest request, OutboundResponse response) {
        ObjectNode options = json.createObjectNode();
        options.put("url", request.request().url());
        String content;
        String command;
        Integer status;
        String error;
        if (response instanceof OutboundResponse.Received received) {
            boolean ok = received.status() < 400;
            outcomes.get(ok ? "success" : "http_error").increment();
            options.put("http_status", received.status());
            ObjectNode headers = options.putObject("http_headers");
            received.headers().forEach(headers::put);
            options.put("cookies", received.headers().getOrDefault("set-cookie", ""));
            // PostgreSQL text holds no NUL; a binary body is not what content is for anyway.
            content = new String(received.body(), StandardCharsets.UTF_8).replace('\0', '\uFFFD');
            command = ok ? request.request().successCommand() : request.request().errorCommand();
            status = received.status();
            error = null;
        } else {
            OutboundResponse.Failed failed = (OutboundResponse.Failed) response;
            outcomes.get(failed.outcome()).increment();
            options.put("http_status", 0);
            options.putObject("http_headers");
            options.put("cookies", "");
            options.put("error", failed.error());
            content = null;
            command = request.request().errorCommand();
            status = null;
            error = failed.outcome() + ": " + failed.error();
        }
        Mono<Void> callback = command == null ? Mono.empty()
                : jobs.insertCallback(request.botId(), request.callId(), command, request.userId(), options, content);
        return transaction.transactional(requests.complete(request, status, error).then(callback));
    }

    private synchronized boolean enter(long botId) {
        int inFlight = inFlightPerBot.getOrDefault(botId, 0);
        if (inFlight >= settings.maxConcurrentPerBot()) {
            return false;
        }
        inFlightPerBot.put(botId, inFlight + 1);
        return true;
    }

    private synchronized void leave(long botId) {
        inFlightPerBot.computeIfPresent(botId, (id, inFlight) -> inFlight <= 1 ? null : inFlight - 1);
    }
}

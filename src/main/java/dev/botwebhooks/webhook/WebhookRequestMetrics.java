package dev.botwebhooks.webhook;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Times every webhook request ({@code webhook.requests}) with three small tags: method (GET, POST,
 * OTHER), status class (2xx..5xx) and outcome. The histogram feeds the dashboards' p50/p95/p99.
 */
@Component
public class WebhookRequestMetrics implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> requests;
    private final BotRequestCounter perBot;

    WebhookRequestMetrics(MeterRegistry registry, BotRequestCounter perBot) {
        this.registry = registry;
        this.requests = Timer.builder("webhook.requests").description("Webhook requests, from the route to the answer")
                .publishPercentileHistogram().withRegistry(registry);
        this.perBot = perBot;
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        Timer.Sample sample = Timer.start(registry);
        String method = method(request.method());
        return Mono.defer(() -> next.handle(request))
                .doOnNext(response -> {
                    int status = response.statusCode().value();
                    long nanos = sample.stop(timer(method, status));
                    // A 404 names no bot that exists (unknown id or a bad signature): not worth a tag.
                    if (status != 404) {
                        perBot.record(request.pathVariables().get("botId"), outcome(status), nanos);
                    }
                })
                .doOnError(error -> sample.stop(timer(method, 500)));
    }

    private Timer timer(String method, int status) {
        return requests.withTags("method", method, "status", status / 100 + "xx", "outcome", outcome(status));
    }

    /** ok: the script ran; redirect: ran and redirected; rejected: refused before running; failed: 5xx. */
    static String outcome(int status) {
        if (status >= 500) {
            return "failed";
        }
        if (status >= 400) {
            return "rejected";
        }
        return status >= 300 ? "redirect" : "ok";
    }

    private static String method(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.POST ? method.name() : "OTHER";
    }
}

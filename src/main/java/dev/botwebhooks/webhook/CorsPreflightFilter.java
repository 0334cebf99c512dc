package dev.botwebhooks.webhook;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotDirectory;
import dev.botwebhooks.cors.CorsPolicy;
import dev.botwebhooks.logging.ThrottledLog;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.run.Answer;
import dev.botwebhooks.url.SignedFields;
import dev.botwebhooks.url.WebhookParameters;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A browser's CORS preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 * to a webhook URL, answered from the bot's {@code cors} setting: after the URL's signature (a bad one is
 * the usual 404, with no CORS headers), before admission (a preflight does not spend the bot's rate
 * limit), and nothing runs. A filter, not a route: WebFlux's handler mapping answers every preflight
 * itself before a route's handler would see it.
 */
@Component
class CorsPreflightFilter implements WebFilter, Ordered {

    private static final ThrottledLog failures =
            new ThrottledLog(LoggerFactory.getLogger(CorsPreflightFilter.class), Duration.ofMinutes(1));
    private static final PathPattern WEBHOOK = PathPatternParser.defaultInstance.parse(WebhookParameters.PATH);
    /** More requested headers than any page sends; past it the preflight is refused unread. */
    static final int MAX_REQUESTED_HEADERS = 50;

    private final BotDirectory bots;
    private final WebhookAnswers answers;

    CorsPreflightFilter(BotDirectory bots, WebhookAnswers answers) {
        this.bots = bots;
        this.answers = answers;
    }

    @Override
    public int getOrder() {
        // Right after the Host header rule, before Spring's handler mapping.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isPreFlightRequest(request)) {
            return chain.filter(exchange);
        }
        PathPattern.PathMatchInfo match = WEBHOOK.matchAndExtract(request.getPath().pathWithinApplication());
        if (match == null) {
            return chain.filter(exchange);
        }
        Optional<Long> botId = SignedUrl.parseLong(match.getUriVariables().get("botId"));
        MultiValueMap<String, String> query = request.getQueryParams();
        if (botId.isEmpty()) {
            return write(exchange, answers.refuse(Rejection.BAD_SIGNATURE, 404, "not found"));
        }
        String repeated = SignedUrl.repeatedParameter(query);
        if (repeated != null) {
            return write(exchange, answers.refuse(Rejection.MALFORMED, 400, "parameter " + repeated + " is given more than once"));
        }
        return bots.find(botId.get())
                .flatMap(bot -> write(exchange, preflight(request, bot, botId.get(), query)))
                .onErrorResume(error -> {
                    failures.error("CORS preflight for bot {} failed", error, botId.get());
                    return write(exchange, answers.unavailable());
                });
    }

    private Answer preflight(ServerHttpRequest request, Optional<Bot> found, long botId, MultiValueMap<String, String> query) {
        SignedFields fields = SignedUrl.fields(botId, query);
        if (found.isEmpty() || !SignedUrl.verify(found.get(), fields, query)) {
            return answers.refuse(Rejection.BAD_SIGNATURE, 404, "not found");
        }
        HttpHeaders headers = request.getHeaders();
        List<String> requested = requestedHeaders(headers.getValuesAsList(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS));
        Optional<HttpHeaders> allowed = requested == null ? Optional.empty() : CorsPolicy.preflight(found.get(),
                headers.getOrigin(), headers.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD), requested);
        if (allowed.isEmpty()) {
            // No CORS headers: the browser stops here and never sends the request itself.
            return answers.refuse(Rejection.CORS_REFUSED, 403, "this origin, method or header may not call this webhook");
        }
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        allowed.get().forEach((name, values) -> answerHeaders.put(name, String.join(", ", values)));
        return new Answer(204, null, answerHeaders, null, null);
    }

    private static List<String> requestedHeaders(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            if (!value.isBlank()) {
                names.add(value.trim());
            }
            if (names.size() > MAX_REQUESTED_HEADERS) {
                return null;
            }
        }
        return names;
    }

    private static Mono<Void> write(ServerWebExchange exchange, Answer answer) {
        return AnswerWriter.write(exchange.getResponse(), answer);
    }
}

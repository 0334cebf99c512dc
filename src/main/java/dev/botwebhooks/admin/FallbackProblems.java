package dev.botwebhooks.admin;

import dev.botwebhooks.logging.ThrottledLog;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Errors no route answered (a path outside every route, such as {@code /nope}; a method Netty's routing refused)
 * as RFC 9457 problem+json, like the admin API's own, instead of the framework's error page. Routes answer their
 * own errors (the webhook's documented {@code {"error": ...}} bodies, the admin router's problems); this only
 * sees what reached no handler, or escaped one. Before Spring Boot's handler (order -1).
 */
@Component
@Order(-2)
class FallbackProblems implements ErrorWebExceptionHandler {

    private static final ThrottledLog failures =
            new ThrottledLog(LoggerFactory.getLogger(FallbackProblems.class), Duration.ofMinutes(1));

    private final ServerResponse.Context context;

    FallbackProblems(ServerCodecConfigurer codecs) {
        // The application's codecs: they write ProblemDetail as the admin router's problems are written.
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        String path = exchange.getRequest().getPath().value();
        ProblemDetail problem;
        if (error instanceof ErrorResponse expected) {
            problem = expected.getBody();
            if (expected.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                problem.setDetail("no route " + exchange.getRequest().getMethod() + " " + path
                        + "; webhook URLs are /v1/bots/{botId}/new-webhook, the admin API is under /api/v1 (see the README)");
            }
        } else {
            failures.error("request {} {} failed", error, exchange.getRequest().getMethod(), path);
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the request could not be completed; retry later");
        }
        problem.setInstance(URI.create(path));
        HttpStatus status = HttpStatus.valueOf(problem.getStatus());
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers -> {
                    if (error instanceof ErrorResponse expected) {
                        headers.addAll(expected.getHeaders());
                    }
                })
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }
}

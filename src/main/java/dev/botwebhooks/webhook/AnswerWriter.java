package dev.botwebhooks.webhook;

import dev.botwebhooks.run.Answer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/** An {@link Answer} on the wire: as a functional route's response, or written straight by a web filter. */
final class AnswerWriter {

    private AnswerWriter() {
    }

    static Mono<ServerResponse> response(Answer answer) {
        ServerResponse.BodyBuilder response = ServerResponse.status(answer.status());
        answer.headers().forEach(response::header);
        if (answer.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(answer.retryAfterSeconds()));
        }
        if (answer.body() == null) {
            return response.build();
        }
        if (answer.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        return response.bodyValue(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    static Mono<Void> write(ServerHttpResponse response, Answer answer) {
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        answer.headers().forEach(response.getHeaders()::set);
        if (answer.retryAfterSeconds() != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(answer.retryAfterSeconds()));
        }
        if (answer.body() == null) {
            return response.setComplete();
        }
        if (answer.contentType() != null) {
            response.getHeaders().set(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body().getBytes(StandardCharsets.UTF_8))));
    }
}

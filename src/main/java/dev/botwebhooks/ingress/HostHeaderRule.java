package dev.botwebhooks.ingress;

import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import io.netty.handler.codec.http.HttpVersion;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 9112, section 3.2: an HTTP/1.1 request without a Host header, or any request with more than one,
 * is answered 400. Two Host headers are how request smuggling through a proxy that reads the other begins.
 */
@Component
class HostHeaderRule implements WebFilter, Ordered {

    private static final byte[] BODY = "{\"error\":\"a request must carry exactly one Host header\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final Rejections rejections;

    HostHeaderRule(Rejections rejections) {
        this.rejections = rejections;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> hosts = exchange.getRequest().getHeaders().get(HttpHeaders.HOST);
        int count = hosts == null ? 0 : hosts.size();
        if (count == 1 || (count == 0 && !isHttp11(exchange))) {
            return chain.filter(exchange);
        }
        rejections.count(Rejection.MALFORMED);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(BODY)));
    }

    private static boolean isHttp11(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return nativeRequest instanceof HttpServerRequest netty && HttpVersion.HTTP_1_1.equals(netty.version());
    }
}

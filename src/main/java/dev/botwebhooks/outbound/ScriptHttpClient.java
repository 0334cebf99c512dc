package dev.botwebhooks.outbound;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Sends scripts' requests: only http and https, every connection (redirects included) through the
 * {@link GuardedResolver}, the peer checked once more when connected, bounded in time, response size and
 * redirects. Its own NIO event loop, so scripts' slow servers never hold the service's.
 */
@Component
class ScriptHttpClient implements AutoCloseable {

    private final HttpClient client;
    private final LoopResources loops;
    private final ConnectionProvider connections;
    private final GuardedResolverGroup resolver;
    private final OutboundProperties settings;

    ScriptHttpClient(OutboundProperties settings) {
        this.settings = settings;
        AddressPolicy policy = new AddressPolicy(settings.allowedRanges());
        this.loops = LoopResources.create("script-http", 1, true);
        this.connections = ConnectionProvider.builder("script-http").maxConnections(settings.maxConcurrent())
                .pendingAcquireMaxCount(settings.maxConcurrent() * 2).build();
        this.resolver = new GuardedResolverGroup(policy);
        this.client = HttpClient.create(connections)
                .runOn(loops, false)
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
                .responseTimeout(settings.timeout())
                .followRedirect(false)
                // The resolver decided before connecting; this checks the socket's actual peer as well.
                .doOnConnected(connection -> {
                    if (connection.channel().remoteAddress() instanceof InetSocketAddress peer
                            && policy.refusal(peer.getAddress()).isPresent()) {
                        connection.channel().close();
                    }
                });
    }

    /** The response of the last hop, following redirects when asked; never an error signal. */
    Mono<OutboundResponse> send(OutboundRequest request, boolean followRedirects) {
        return hop(request, followRedirects ? settings.maxRedirects() : 0, followRedirects)
                .timeout(settings.timeout().multipliedBy(settings.maxRedirects() + 1L))
                .onErrorResume(error -> Mono.just(failed(error)));
    }

    private Mono<OutboundResponse> hop(OutboundRequest request, int redirectsLeft, boolean follow) {
        String scheme = request.url().getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || request.url().getHost() == null) {
            return Mono.just(new OutboundResponse.Failed("blocked", "only http and https URLs with a host: " + request.url()));
        }
        return once(request).flatMap(response -> {
            if (follow && response instanceof OutboundResponse.Received received && isRedirect(received.status())
                    && received.headers().containsKey("location")) {
                if (redirectsLeft == 0) {
                    return Mono.just(new OutboundResponse.Failed("too_many_redirects",
                            "more than " + settings.maxRedirects() + " redirects"));
                }
                URI next = request.url().resolve(received.headers().get("location"));
                return hop(request.redirectedTo(next, received.status()), redirectsLeft - 1, true);
            }
            return Mono.just(response);
        });
    }

    private Mono<OutboundResponse> once(OutboundRequest request) {
        long max = settings.maxResponseSize().toBytes();
        return client.headers(headers -> request.headers().forEach(headers::set))
                .request(HttpMethod.valueOf(request.method()))
                .uri(request.url())
                .send(request.body() == null ? Mono.empty() : Mono.just(Unpooled.wrappedBuffer(request.body())))
                .response((response, body) -> {
                    String length = response.responseHeaders().get("content-length");
                    if (length != null && parseLong(length) > max) {
                        return Mono.error(new ResponseTooLarge(max));
                    }
                    return body.asByteArray()
                            .reduce(new ByteArrayOutputStream(), (collected, chunk) -> {
                                if (collected.size() + chunk.length > max) {
                                    throw new ResponseTooLarge(max);
                                }
                                collected.write(chunk, 0, chunk.length);
                                return collected;
                            })
                            .defaultIfEmpty(new ByteArrayOutputStream())
                            .map(bytes -> (OutboundResponse) new OutboundResponse.Received(response.status().code(),
                                    headers(response.responseHeaders()), bytes.toByteArray(), request.url().toString()));
                })
                .next();
    }

    private static Map<String, String> headers(io.netty.handler.codec.http.HttpHeaders headers) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : headers.names()) {
            result.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", headers.getAll(name)));
        }
        return result;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static OutboundResponse.Failed failed(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof AddressRefused)) {
            cause = cause.getCause();
        }
        if (cause instanceof AddressRefused refused) {
            return new OutboundResponse.Failed("blocked", "address not allowed: " + refused.getMessage());
        }
        if (error instanceof ResponseTooLarge || cause instanceof ResponseTooLarge) {
            return new OutboundResponse.Failed("too_large", error.getMessage());
        }
        if (error instanceof TimeoutException || cause instanceof TimeoutException
                || error.getClass().getSimpleName().contains("Timeout")) {
            return new OutboundResponse.Failed("timeout", "no answer within the timeout");
        }
        return new OutboundResponse.Failed("failed", error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    @Override
    public void close() {
        connections.dispose();
        loops.dispose();
        resolver.close();
    }

    /** More than the response bound; the connection is dropped rather than read to its end. */
    static class ResponseTooLarge extends RuntimeException {
        ResponseTooLarge(long max) {
            super("the response is over " + max / 1024 + " KB");
        }
    }
}

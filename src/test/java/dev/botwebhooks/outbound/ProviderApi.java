package dev.botwebhooks.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.botwebhooks.support.EndToEndTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payment provider's API on 127.0.0.3, a real HTTP server for scripts' requests: {@code /confirm} answers
 * {@code {"state":"paid"}}, {@code /status/N} answers N, {@code /big} more than the response bound,
 * {@code /slow} later than the timeout, {@code /redirect?to=URL} a 302 there, {@code /loop} redirects to
 * itself, {@code /hold} waits until released. It records what it received.
 */
final class ProviderApi implements AutoCloseable {

    /** One request as the provider saw it. */
    record Received(String method, String path, String query, String body, String contentType, String apiKey) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger holding = new AtomicInteger();
    final AtomicInteger mostHeldAtOnce = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    ProviderApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(EndToEndTest.SCRIPT_HTTP_HOST, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "http://" + EndToEndTest.SCRIPT_HTTP_HOST + ":" + server.getAddress().getPort() + path;
    }

    void releaseHeld() {
        release.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), body,
                exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("X-Api-Key")));
        try {
            if (path.equals("/confirm")) {
                exchange.getResponseHeaders().add("Set-Cookie", "session=1");
                reply(exchange, 200, "{\"state\":\"paid\"}");
            } else if (path.startsWith("/status/")) {
                reply(exchange, Integer.parseInt(path.substring(8)), "{\"error\":\"no\"}");
            } else if (path.equals("/big")) {
                reply(exchange, 200, "x".repeat(65 * 1024));
            } else if (path.equals("/slow")) {
                Thread.sleep(3000);
                reply(exchange, 200, "late");
            } else if (path.equals("/redirect")) {
                String to = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring(3), StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Location", to);
                reply(exchange, 302, "");
            } else if (path.equals("/loop")) {
                exchange.getResponseHeaders().add("Location", "/loop");
                reply(exchange, 302, "");
            } else if (path.equals("/hold")) {
                mostHeldAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                release.await(10, TimeUnit.SECONDS);
                holding.decrementAndGet();
                reply(exchange, 200, "held");
            } else {
                reply(exchange, 404, "");
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

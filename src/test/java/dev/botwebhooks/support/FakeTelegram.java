package dev.botwebhooks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Telegram-Bot-API-compatible server on 127.0.0.1: a real HTTP server, one per JVM (every application
 * context of the tests sends to it), that records each {@code POST /bot{token}/{method}} and answers
 * 200, or what a test queued for that token (429, 400, 500, ...). Tests tell their bots apart by token.
 */
public final class FakeTelegram {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong TOKENS = new AtomicLong();
    private static FakeTelegram instance;

    /** One request, with the status it was answered. */
    public record Request(String token, String method, JsonNode body, int status, Instant at) {

        public String text() {
            return body.get("text").asString();
        }
    }

    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Reply>> queued = new HashMap<>();
    private final Set<String> down = new HashSet<>();
    private long messageIds;

    private FakeTelegram() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-telegram");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static synchronized FakeTelegram instance() {
        if (instance == null) {
            instance = new FakeTelegram();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token of the shape bots accept, new to this server. */
    public static String newToken() {
        return (100000 + TOKENS.incrementAndGet()) + ":TEST" + Long.toHexString(System.nanoTime()) + "abcdefghijklmnop";
    }

    /** The next request for {@code token} is answered with this instead of 200. */
    public synchronized void reply(String token, int status, String body) {
        queued.computeIfAbsent(token, t -> new ArrayDeque<>()).add(new Reply(status, body));
    }

    /** While down, every request for {@code token} is answered 500. */
    public synchronized void down(String token, boolean isDown) {
        if (isDown) {
            down.add(token);
        } else {
            down.remove(token);
        }
    }

    public synchronized List<Request> requests(String token) {
        return requests.stream().filter(request -> request.token().equals(token)).toList();
    }

    /** The messages answered 200, in the order they arrived. */
    public List<Request> delivered(String token) {
        return requests(token).stream().filter(request -> request.status() == 200).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Raw: the real API wants the token's ':' as is, not percent-encoded.
            String path = exchange.getRequestURI().getRawPath();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            int slash = path.lastIndexOf('/');
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith("/bot") || slash <= "/bot".length()) {
                answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
                return;
            }
            String token = path.substring("/bot".length(), slash);
            Reply reply = next(token, path.substring(slash + 1), JSON.readTree(new String(bytes, StandardCharsets.UTF_8)));
            answer(exchange, reply.status(), reply.body());
        }
    }

    private synchronized Reply next(String token, String method, JsonNode body) {
        Deque<Reply> replies = queued.get(token);
        Reply reply;
        if (down.contains(token)) {
            reply = new Reply(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
        } else if (replies != null && !replies.isEmpty()) {
            reply = replies.poll();
        } else {
            reply = new Reply(200, "{\"ok\":true,\"result\":{\"message_id\":" + ++messageIds + ",\"text\":"
                    + JSON.writeValueAsString(body.path("text").asString("")) + "}}");
        }
        requests.add(new Request(token, method, body, reply.status(), Instant.now()));
        return reply;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

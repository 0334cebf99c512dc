package dev.botwebhooks.delivery;

import io.netty.channel.ChannelOption;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;

/**
 * {@code POST {api-base-url}/bot{token}/{method}} of the Telegram Bot API (or a compatible one).
 * Non-blocking, with connect and response timeouts. The token is part of the URL, so neither the URL
 * nor a transport exception's message (which names it) is ever logged or stored.
 */
@Component
class TelegramClient {

    private static final int MAX_REASON_CHARS = 500;

    private final WebClient web;
    private final JsonMapper json;
    private final Duration responseTimeout;
    private final String baseUrl;

    TelegramClient(TelegramProperties telegram, JsonMapper json) {
        this.json = json;
        this.responseTimeout = telegram.responseTimeout();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(telegram.connectTimeout().toMillis()))
                .responseTimeout(telegram.responseTimeout());
        String base = telegram.apiBaseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** The message's own options (parse_mode, reply_markup, ...) with its chat and text. */
    Mono<SendResult> sendMessage(String token, String chatId, String text, JsonNode options) {
        return call(token, "sendMessage", chatId, text, options);
    }

    /**
     * A method with its parameters ({@code options}), the chat ({@code chat_id}, unless empty or given in them)
     * and, for sendMessage, the text.
     */
    Mono<SendResult> call(String token, String method, String chatId, String text, JsonNode options) {
        ObjectNode body = options != null && options.isObject() ? ((ObjectNode) options).deepCopy()
                : json.createObjectNode();
        if (!chatId.isEmpty() && !body.has("chat_id")) {
            if (chatId.matches("-?\\d{1,19}")) {
                body.put("chat_id", Long.parseLong(chatId));
            } else {
                body.put("chat_id", chatId);
            }
        }
        if ("sendMessage".equals(method)) {
            body.put("text", text);
        }
        // Not a URI template: its variables are encoded strictly, and the API wants the token's ':' as is.
        // The method name was checked to be letters only when the script called it.
        return Mono.fromCallable(() -> URI.create(baseUrl + "/bot" + token + "/" + method))
                .flatMap(uri -> web.post().uri(uri)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(json.writeValueAsString(body))
                        .exchangeToMono(this::result))
                // The client's response timeout covers headers; this one covers a body that trickles.
                .timeout(responseTimeout.multipliedBy(2))
                .onErrorResume(error -> Mono.just(new SendResult.Unavailable(
                        "could not reach the chat API (" + error.getClass().getSimpleName() + ")")));
    }

    private Mono<SendResult> result(ClientResponse response) {
        int status = response.statusCode().value();
        String retryAfterHeader = response.headers().asHttpHeaders().getFirst("Retry-After");
        return response.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> classify(status, parse(body), retryAfterHeader));
    }

    private static SendResult classify(int status, JsonNode body, String retryAfterHeader) {
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(body);
        }
        String reason = reason(status, body);
        if (status == 429) {
            return new SendResult.RateLimited(retryAfter(body, retryAfterHeader));
        }
        if (status >= 400 && status < 500 && status != 408) {
            return new SendResult.Refused(reason, body);
        }
        return new SendResult.Unavailable(reason);
    }

    /** "403 Forbidden: bot was blocked by the user": the status and the API's own description. */
    private static String reason(int status, JsonNode body) {
        JsonNode description = body.get("description");
        String text = status + (description != null && description.isString() ? " " + description.asString() : "");
        return text.length() > MAX_REASON_CHARS ? text.substring(0, MAX_REASON_CHARS) + "..." : text;
    }

    private static Duration retryAfter(JsonNode body, String header) {
        JsonNode parameters = body.get("parameters");
        JsonNode seconds = parameters == null ? null : parameters.get("retry_after");
        if (seconds != null && seconds.isNumber() && seconds.asDouble() >= 0) {
            return Duration.ofMillis((long) (seconds.asDouble() * 1000));
        }
        if (header != null && header.strip().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return Duration.ofSeconds(1);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = body.isBlank() ? null : json.readTree(body);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (JacksonException notJson) {
            return json.createObjectNode();
        }
    }
}

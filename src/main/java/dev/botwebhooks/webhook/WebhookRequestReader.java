package dev.botwebhooks.webhook;


import dev.botwebhooks.url.SignedFields;
import dev.botwebhooks.url.WebhookParameters;
import io.netty.handler.timeout.ReadTimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Turns the HTTP request into what a run sees: the raw body and the BJS {@code options} object. */
final class WebhookRequestReader {

    private final JsonMapper json;
    private final long maxBodyBytes;

    WebhookRequestReader(JsonMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The body as bytes, empty for none; errors with {@link BodyTooLarge} past the limit, before reading when it can. */
    Mono<byte[]> body(ServerRequest request) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBodyBytes) {
            return Mono.error(new BodyTooLarge());
        }
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), (int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new BodyTooLarge())
                .onErrorMap(WebhookRequestReader::isTimeout, timeout -> new BodyTooSlow());
    }

    /** Reactor Netty's read timeout, or its request timeout (whose class is not public). */
    private static boolean isTimeout(Throwable error) {
        return error instanceof ReadTimeoutException
                || error.getClass().getName().equals("reactor.netty.http.server.RequestTimeoutException");
    }

    /** The request as {@code options}; for a WebApp URL ({@link SignedFields#options()}), the options it was made with. */
    JsonNode options(ServerRequest request, String url, String ip, String body, SignedFields signed) {
        if (signed.options() != null) {
            return givenOptions(signed.options());
        }
        ObjectNode options = json.createObjectNode();
        options.put("url", url);
        options.put("method", request.method().name());
        options.set("params", params(request.queryParams(), contentType(request), body));
        options.set("signed", signed(signed));
        options.set("headers", titleCaseHeaders(request.headers().asHttpHeaders()));
        options.put("ip", ip);
        return options;
    }

    /** A WebApp URL's options: signed, so made by this service as JSON; anything else reads as the text it is. */
    JsonNode givenOptions(String options) {
        try {
            return json.readTree(options);
        } catch (RuntimeException notJson) {
            return json.getNodeFactory().stringNode(options);
        }
    }

    /** The parameters the URL's signature covers, so a script can tell them from {@code params}, which it does not. */
    ObjectNode signed(SignedFields fields) {
        ObjectNode signed = json.createObjectNode();
        signed.put(WebhookParameters.COMMAND, fields.command());
        putIfPresent(signed, WebhookParameters.USER_ID, fields.userId());
        putIfPresent(signed, WebhookParameters.CONTENT, fields.content());
        putIfPresent(signed, WebhookParameters.REDIRECT_TO, fields.redirectTo());
        putIfPresent(signed, WebhookParameters.EXP, fields.exp());
        return signed;
    }

    private static void putIfPresent(ObjectNode object, String name, String value) {
        if (value != null) {
            object.put(name, value);
        }
    }

    ObjectNode titleCaseHeaders(HttpHeaders headers) {
        ObjectNode result = json.createObjectNode();
        headers.forEach((name, values) -> result.put(titleCase(name), String.join(", ", values)));
        return result;
    }

    /** {@code x-hub-signature-256} -> {@code X-Hub-Signature-256}, as BJS scripts expect. */
    static String titleCase(String headerName) {
        StringBuilder result = new StringBuilder(headerName.length());
        boolean startOfWord = true;
        for (char c : headerName.toCharArray()) {
            result.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
            startOfWord = c == '-';
        }
        return result.toString();
    }

    /** The request's media type; none when it has none or an unreadable one (its body is then only raw content). */
    static MediaType contentType(ServerRequest request) {
        try {
            return request.headers().contentType().orElse(null);
        } catch (InvalidMediaTypeException unreadable) {
            return null;
        }
    }

    /**
     * Non-reserved query parameters, then the top-level fields of a JSON-object or form body. None of it is
     * covered by the URL's signature: a provider may append its own parameters to a callback URL.
     */
    ObjectNode params(MultiValueMap<String, String> query, MediaType contentType, String body) {
        ObjectNode params = json.createObjectNode();
        query.forEach((name, values) -> {
            if (!WebhookParameters.RESERVED.contains(name)) {
                putValues(params, name, values);
            }
        });
        if (body == null || body.isEmpty() || contentType == null) {
            return params;
        }
        if (contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
                || contentType.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
            try {
                JsonNode parsed = json.readTree(body);
                if (parsed != null && parsed.isObject()) {
                    params.setAll((ObjectNode) parsed);
                }
            } catch (JacksonException notJson) {
                // The script still gets the raw body in `content`; a bad JSON body is its business.
            }
        } else if (contentType.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            form(body).forEach((name, values) -> putValues(params, name, values));
        }
        return params;
    }

    static MultiValueMap<String, String> form(String body) {
        MultiValueMap<String, String> fields = new org.springframework.util.LinkedMultiValueMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                fields.add(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                fields.add(name, value);
            }
        }
        return fields;
    }

    private void putValues(ObjectNode params, String name, List<String> values) {
        if (values.size() == 1) {
            params.put(name, values.get(0));
        } else {
            ArrayNode array = params.putArray(name);
            values.forEach(array::add);
        }
    }

    /** The body paused longer than {@code webhooks.ingress.read-timeout} or took longer than its request-timeout. */
    static final class BodyTooSlow extends RuntimeException {
        BodyTooSlow() {
            super("body too slow", null, false, false);
        }
    }

    /** The body exceeds {@code webhooks.ingress.max-body-size}. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("body too large", null, false, false);
        }
    }
}

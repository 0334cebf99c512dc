package dev.botwebhooks.idempotency;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code idempotency} bot setting: where a delivery's id comes from, {@code {"header": "Idempotency-Key"}}
 * (also {@code webhook-id}, {@code X-GitHub-Delivery}) or {@code {"json_path": "$.id"}} (a dotted path
 * into the JSON body, as Stripe's event id; a number picks an array element).
 */
public record IdempotencySettings(String header, List<String> path) {

    /** Longer ids are stored as their SHA-256, so a caller cannot make the key index hold large values. */
    static final int MAX_KEY_CHARS = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,100}");
    private static final Pattern PATH = Pattern.compile("\\$(\\.[^.\\s]{1,100}){1,10}");

    /** The setting when valid; an {@link IllegalArgumentException} says what is wrong with any other. */
    public static IdempotencySettings parse(JsonNode setting) {
        if (setting == null || !setting.isObject() || setting.size() != 1) {
            throw new IllegalArgumentException("idempotency must be {\"header\": \"Idempotency-Key\"} or {\"json_path\": \"$.id\"}");
        }
        JsonNode header = setting.get("header");
        if (header != null) {
            if (!header.isString() || !HEADER.matcher(header.asString()).matches()) {
                throw new IllegalArgumentException("idempotency.header must be a header name");
            }
            return new IdempotencySettings(header.asString(), null);
        }
        JsonNode path = setting.get("json_path");
        if (path == null || !path.isString() || !PATH.matcher(path.asString()).matches()) {
            throw new IllegalArgumentException("idempotency.json_path must be a dotted path such as $.id or $.data.object.id");
        }
        return new IdempotencySettings(null, List.of(path.asString().substring(2).split("\\.")));
    }

    /** The delivery id of a request to a bot with these settings; empty when the bot has none or the request lacks it. */
    public static Optional<String> deliveryId(JsonNode botSettings, Function<String, String> header, byte[] body) {
        JsonNode setting = botSettings.get("idempotency");
        if (setting == null || setting.isNull()) {
            return Optional.empty();
        }
        IdempotencySettings settings;
        try {
            settings = parse(setting);
        } catch (IllegalArgumentException unusable) {
            return Optional.empty();
        }
        return settings.read(header, body).filter(id -> !id.isEmpty()).map(IdempotencySettings::bounded);
    }

    Optional<String> read(Function<String, String> headerValue, byte[] body) {
        if (header != null) {
            return Optional.ofNullable(headerValue.apply(header)).map(String::strip);
        }
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
        for (String segment : path) {
            if (node == null) {
                return Optional.empty();
            }
            node = node.isArray() && segment.matches("\\d{1,9}") ? node.get(Integer.parseInt(segment)) : node.get(segment);
        }
        if (node == null || !(node.isString() || node.isIntegralNumber())) {
            return Optional.empty();
        }
        return Optional.of(node.asString());
    }

    private static String bounded(String id) {
        if (id.length() <= MAX_KEY_CHARS) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

package dev.botwebhooks.idempotency;

import dev.botwebhooks.bot.BotSetting;
import dev.botwebhooks.token.HttpToken;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code idempotency} bot setting: where a delivery's id comes from, {@code {"header": "Idempotency-Key"}}
 * (also {@code webhook-id}, {@code X-GitHub-Delivery}) or {@code {"json_path": "$.id"}} (a dotted path
 * into the JSON body, as Stripe's event id; a number picks an array element).
 */
public record IdempotencySettings(String header, JsonPointer path) {

    /** The {@code idempotency} bot setting; invalid means the bot's webhooks are refused (fail closed). */
    public static final BotSetting<IdempotencySettings> SETTING = new BotSetting<>("idempotency", IdempotencySettings::parse);

    /** Longer ids are stored as their SHA-256, so a caller cannot make the key index hold large values. */
    static final int MAX_KEY_CHARS = 200;
    private static final int MAX_HEADER_NAME_CHARS = 100;
    private static final Pattern PATH = Pattern.compile("\\$(\\.[^.\\s]{1,100}){1,10}");

    /** The setting when valid; an {@link IllegalArgumentException} says what is wrong with any other. */
    public static IdempotencySettings parse(JsonNode setting) {
        if (setting == null || !setting.isObject() || setting.size() != 1) {
            throw new IllegalArgumentException("idempotency must be {\"header\": \"Idempotency-Key\"} or {\"json_path\": \"$.id\"}");
        }
        JsonNode header = setting.get("header");
        if (header != null) {
            if (!header.isString() || !HttpToken.isValid(header.asString(), MAX_HEADER_NAME_CHARS)) {
                throw new IllegalArgumentException("idempotency.header must be a header name");
            }
            return new IdempotencySettings(header.asString(), null);
        }
        JsonNode path = setting.get("json_path");
        if (path == null || !path.isString() || !PATH.matcher(path.asString()).matches()) {
            throw new IllegalArgumentException("idempotency.json_path must be a dotted path such as $.id or $.data.object.id");
        }
        // "$.data.object.id" is the pointer /data/object/id; a number segment picks an array element.
        StringBuilder pointer = new StringBuilder();
        for (String segment : path.asString().substring(2).split("\\.")) {
            pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return new IdempotencySettings(null, JsonPointer.compile(pointer.toString()));
    }

    /** The delivery id of a request, empty when the request lacks it (such a delivery runs as usual). */
    public Optional<String> deliveryId(Function<String, String> headerValue, byte[] body, JsonMapper json) {
        return read(headerValue, body, json).filter(id -> !id.isEmpty()).map(IdempotencySettings::bounded);
    }

    private Optional<String> read(Function<String, String> headerValue, byte[] body, JsonMapper json) {
        if (header != null) {
            return Optional.ofNullable(headerValue.apply(header)).map(String::strip);
        }
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = json.readTree(body).at(path);
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
        if (!(node.isString() || node.isIntegralNumber())) {
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

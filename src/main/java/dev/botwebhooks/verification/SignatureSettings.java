package dev.botwebhooks.verification;

import dev.botwebhooks.token.HttpToken;
import dev.botwebhooks.bot.BotSetting;

import dev.botwebhooks.crypto.Hmac;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code signature} bot setting: {@code {"scheme": "standard-webhooks"|"stripe"|"github"|"hmac",
 * "secret": ".."}} or {@code "secrets": [..]} (several during a key rotation); {@code hmac} also takes
 * {@code header}, {@code algorithm} (sha256, sha1, sha512), {@code encoding} (hex, base64) and {@code prefix}.
 */
public final class SignatureSettings {

    static final String MASK = "***";
    private static final int MAX_SECRETS = 10;
    private static final int MAX_TEXT = 512;
    private static final Set<String> COMMON = Set.of("scheme", "secret", "secrets");
    private static final Set<String> HMAC_FIELDS = Set.of("header", "algorithm", "encoding", "prefix");

    private SignatureSettings() {
    }

    /** The scheme of a valid setting; an {@link IllegalArgumentException} says what is wrong with any other. */
    /** The {@code signature} bot setting; invalid means every delivery is refused (fail closed). */
    private static final int MAX_HEADER_NAME_CHARS = 100;
    public static final BotSetting<SignatureScheme> SETTING = new BotSetting<>("signature", SignatureSettings::parse);

    public static SignatureScheme parse(JsonNode setting) {
        if (setting == null || !setting.isObject()) {
            throw new IllegalArgumentException("signature must be an object {scheme, secret}");
        }
        String scheme = text(setting, "scheme");
        if (scheme == null) {
            throw new IllegalArgumentException("signature.scheme is required: standard-webhooks, stripe, github or hmac");
        }
        for (String field : setting.propertyNames()) {
            if (!COMMON.contains(field) && !(scheme.equals("hmac") && HMAC_FIELDS.contains(field))) {
                throw new IllegalArgumentException("signature has an unknown field '" + field + "'");
            }
        }
        List<String> secrets = secrets(setting);
        return switch (scheme) {
            case "standard-webhooks" -> new StandardWebhooks(secrets.stream().map(SignatureSettings::standardKey).toList());
            case "stripe" -> new StripeSignature(utf8(secrets));
            case "github" -> HeaderHmac.github(utf8(secrets));
            case "hmac" -> hmac(setting, secrets);
            default -> throw new IllegalArgumentException(
                    "signature.scheme must be standard-webhooks, stripe, github or hmac, not '" + scheme + "'");
        };
    }

    /** The setting as the admin API shows it: every secret masked. */
    public static JsonNode masked(JsonNode setting) {
        if (!(setting instanceof ObjectNode object)) {
            return setting;
        }
        ObjectNode shown = object.deepCopy();
        if (shown.has("secret")) {
            shown.put("secret", MASK);
        }
        if (shown.get("secrets") != null && shown.get("secrets").isArray()) {
            int count = shown.get("secrets").size();
            ArrayNode masks = shown.putArray("secrets");
            for (int i = 0; i < count; i++) {
                masks.add(MASK);
            }
        }
        return shown;
    }

    private static SignatureScheme hmac(JsonNode setting, List<String> secrets) {
        String header = text(setting, "header");
        if (!HttpToken.isValid(header, MAX_HEADER_NAME_CHARS)) {
            throw new IllegalArgumentException("signature.header must name the header that carries the signature");
        }
        String algorithm = text(setting, "algorithm");
        String jca = Hmac.algorithm(algorithm == null ? "sha256" : algorithm).orElseThrow(() ->
                new IllegalArgumentException("signature.algorithm must be sha256, sha1 or sha512"));
        String encoding = text(setting, "encoding");
        encoding = encoding == null ? "hex" : encoding.toLowerCase(Locale.ROOT);
        if (!encoding.equals("hex") && !encoding.equals("base64")) {
            throw new IllegalArgumentException("signature.encoding must be hex or base64");
        }
        String prefix = text(setting, "prefix");
        return new HeaderHmac(utf8(secrets), header, jca, encoding, prefix == null ? "" : prefix);
    }

    private static List<String> secrets(JsonNode setting) {
        JsonNode one = setting.get("secret");
        JsonNode many = setting.get("secrets");
        if ((one == null) == (many == null)) {
            throw new IllegalArgumentException("signature needs either secret or secrets (a list, during a key rotation)");
        }
        List<String> secrets = new ArrayList<>();
        if (one != null) {
            secrets.add(secret(one));
        } else {
            if (!many.isArray() || many.isEmpty() || many.size() > MAX_SECRETS) {
                throw new IllegalArgumentException("signature.secrets must be a list of 1 to " + MAX_SECRETS + " secrets");
            }
            many.forEach(node -> secrets.add(secret(node)));
        }
        return secrets;
    }

    private static String secret(JsonNode node) {
        if (!node.isString() || node.asString().isEmpty() || node.asString().length() > MAX_TEXT) {
            throw new IllegalArgumentException("a signature secret must be a non-empty string of at most "
                    + MAX_TEXT + " characters");
        }
        if (node.asString().equals(MASK)) {
            throw new IllegalArgumentException("a signature secret must be the secret itself, not its mask " + MASK);
        }
        return node.asString();
    }

    private static byte[] standardKey(String secret) {
        try {
            return StandardWebhooks.key(secret);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("a standard-webhooks secret is whsec_ followed by base64");
        }
    }

    private static List<byte[]> utf8(List<String> secrets) {
        return secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static String text(JsonNode setting, String field) {
        JsonNode node = setting.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.asString().length() > MAX_TEXT) {
            throw new IllegalArgumentException("signature." + field + " must be a string");
        }
        return node.asString();
    }
}

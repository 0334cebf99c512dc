package dev.botwebhooks.admin;

import dev.botwebhooks.admission.IpRanges;
import dev.botwebhooks.cors.CorsPolicy;
import dev.botwebhooks.idempotency.IdempotencySettings;
import dev.botwebhooks.preview.LinkPreviewMode;
import dev.botwebhooks.script.InstalledLibs;
import dev.botwebhooks.verification.SignatureSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies a {@code PATCH /api/v1/bots/{id}} body to a bot's settings. A key set to null removes
 * that setting; an unknown key or a value of the wrong shape is a 400 that changes nothing.
 * Secrets (the chat token, provider signature secrets) are never shown back.
 */
final class BotSettingsPatch {

    static final Set<String> SETTINGS = Set.of("rate_limit", "allowed_ips", "ban_exempt_ips", "telegram_token",
            "idempotency", "signature", "cors", "link_previews", "libs");
    static final int MAX_IP_RULES = 1000;

    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,100}");

    private BotSettingsPatch() {
    }

    static ObjectNode apply(ObjectNode current, ObjectNode patch) {
        ObjectNode settings = current.deepCopy();
        for (String key : patch.propertyNames()) {
            if (key.equals("name")) {
                continue;
            }
            if (!SETTINGS.contains(key)) {
                throw ApiProblem.badRequest("unknown setting '" + key + "'; known: name, " + String.join(", ",
                        SETTINGS.stream().sorted().toList()));
            }
            JsonNode value = patch.get(key);
            if (value.isNull()) {
                settings.remove(key);
                continue;
            }
            switch (key) {
                case "rate_limit" -> validateRateLimit(value);
                case "allowed_ips", "ban_exempt_ips" -> validateIpList(key, value);
                case "telegram_token" -> validateTelegramToken(value);
                case "idempotency" -> validate(() -> IdempotencySettings.parse(value));
                case "signature" -> validate(() -> SignatureSettings.parse(value));
                case "cors" -> validate(() -> CorsPolicy.parse(value));
                case "link_previews" -> validate(() -> LinkPreviewMode.parse(value));
                case "libs" -> validate(() -> InstalledLibs.parse(value));
                default -> throw new IllegalStateException(key);
            }
            settings.set(key, value);
        }
        return settings;
    }

    /** Settings as the API shows them: the chat token is a secret, so only its bot id part is shown. */
    static ObjectNode forDisplay(JsonNode settings) {
        ObjectNode shown = (ObjectNode) settings.deepCopy();
        JsonNode token = shown.get("telegram_token");
        if (token != null && token.isString()) {
            String text = token.asString();
            shown.put("telegram_token", text.substring(0, Math.max(0, text.indexOf(':'))) + ":***");
        }
        if (shown.has("signature")) {
            shown.set("signature", SignatureSettings.masked(shown.get("signature")));
        }
        return shown;
    }

    /** The feature packages own their settings' shape; their messages become the 400. */
    private static void validate(Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException invalid) {
            throw ApiProblem.badRequest(invalid.getMessage());
        }
    }

    private static void validateRateLimit(JsonNode value) {
        if (!value.isObject()) {
            throw ApiProblem.badRequest("rate_limit must be an object {per_second, burst}");
        }
        for (String field : value.propertyNames()) {
            if (!field.equals("per_second") && !field.equals("burst")) {
                throw ApiProblem.badRequest("rate_limit has an unknown field '" + field + "'");
            }
        }
        JsonNode perSecond = value.get("per_second");
        if (perSecond == null || !perSecond.isNumber() || perSecond.asDouble() <= 0 || perSecond.asDouble() > 1_000_000) {
            throw ApiProblem.badRequest("rate_limit.per_second must be a number above 0 and at most 1000000");
        }
        JsonNode burst = value.get("burst");
        if (burst != null && (!burst.isIntegralNumber() || burst.asLong() < 1 || burst.asLong() > 1_000_000)) {
            throw ApiProblem.badRequest("rate_limit.burst must be a whole number from 1 to 1000000");
        }
    }

    private static void validateIpList(String key, JsonNode value) {
        if (!value.isArray()) {
            throw ApiProblem.badRequest(key + " must be a list of IP addresses or CIDR ranges");
        }
        if (value.size() > MAX_IP_RULES) {
            throw ApiProblem.badRequest(key + " has " + value.size() + " entries, at most " + MAX_IP_RULES);
        }
        for (JsonNode entry : value) {
            if (!entry.isString() || !IpRanges.isValid(entry.asString())) {
                throw ApiProblem.badRequest(key + ": '" + entry + "' is not an IP address or CIDR range");
            }
        }
    }

    private static void validateTelegramToken(JsonNode value) {
        if (!value.isString() || !TELEGRAM_TOKEN.matcher(value.asString()).matches()) {
            throw ApiProblem.badRequest("telegram_token must look like 123456:ABC-DEF... (a Telegram bot token)");
        }
    }
}

package dev.botwebhooks.cors;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotSetting;
import dev.botwebhooks.token.HttpToken;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code cors} bot setting, {@code {"allowed_origins": ["https://shop.example"], "allowed_headers":
 * ["Content-Type"], "max_age": 600, "allow_credentials": false}}. Only {@code allowed_origins} is required;
 * {@code "*"} allows every origin and is refused together with credentials, as browsers refuse it.
 */
public final class CorsPolicy {

    public static final BotSetting<CorsPolicy> SETTING = new BotSetting<>("cors", CorsPolicy::parse);

    static final int MAX_ORIGINS = 100;
    static final int MAX_HEADERS = 50;
    static final long MAX_AGE_SECONDS = 86_400;
    private static final int MAX_HEADER_NAME_CHARS = 100;
    private static final Set<String> FIELDS = Set.of("allowed_origins", "allowed_headers", "max_age", "allow_credentials");
    /** An origin is a scheme, a host and maybe a port: no path, query or fragment. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]{1,253}");
    private static final List<String> METHODS = List.of(HttpMethod.GET.name(), HttpMethod.POST.name());

    private final CorsConfiguration config;

    private CorsPolicy(CorsConfiguration config) {
        this.config = config;
    }

    /** The setting when valid; an {@link IllegalArgumentException} says what is wrong with any other. */
    public static CorsPolicy parse(JsonNode setting) {
        if (setting == null || !setting.isObject()) {
            throw new IllegalArgumentException("cors must be an object {allowed_origins, allowed_headers, max_age, allow_credentials}");
        }
        for (String field : setting.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("cors has an unknown field '" + field + "'");
            }
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedMethods(METHODS);
        config.setAllowedOrigins(strings(setting.get("allowed_origins"), "cors.allowed_origins", MAX_ORIGINS, true,
                origin -> origin.equals(CorsConfiguration.ALL) || ORIGIN.matcher(origin).matches(),
                "an origin such as https://shop.example (scheme, host and port only) or *"));
        JsonNode headers = setting.get("allowed_headers");
        config.setAllowedHeaders(headers == null ? List.of() : strings(headers, "cors.allowed_headers", MAX_HEADERS, false,
                header -> header.equals(CorsConfiguration.ALL) || HttpToken.isValid(header, MAX_HEADER_NAME_CHARS),
                "a header name or *"));
        JsonNode maxAge = setting.get("max_age");
        if (maxAge != null) {
            if (!maxAge.isIntegralNumber() || !maxAge.canConvertToLong() || maxAge.asLong() < 0 || maxAge.asLong() > MAX_AGE_SECONDS) {
                throw new IllegalArgumentException("cors.max_age must be whole seconds from 0 to " + MAX_AGE_SECONDS);
            }
            config.setMaxAge(maxAge.asLong());
        }
        JsonNode credentials = setting.get("allow_credentials");
        if (credentials != null) {
            if (!credentials.isBoolean()) {
                throw new IllegalArgumentException("cors.allow_credentials must be true or false");
            }
            config.setAllowCredentials(credentials.asBoolean());
        }
        try {
            config.validateAllowCredentials();
        } catch (IllegalArgumentException wildcardWithCredentials) {
            throw new IllegalArgumentException("cors.allowed_origins cannot be * when allow_credentials is true: list the origins");
        }
        return new CorsPolicy(config);
    }

    /** The CORS headers of the bot for an answer to a request from {@code origin}; nothing for an origin it does not allow. */
    public static void addAnswerHeaders(Bot bot, String origin, HttpHeaders answer) {
        if (!(bot.settings().get(SETTING) instanceof BotSetting.Parsed.Valid<CorsPolicy> valid)) {
            return;
        }
        // Whether the headers are there depends on Origin, so a shared cache must keep one answer per origin.
        answer.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        String allowed = valid.value().config.checkOrigin(origin);
        if (allowed != null) {
            answer.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
            if (Boolean.TRUE.equals(valid.value().config.getAllowCredentials())) {
                answer.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            }
        }
    }

    /**
     * The answer headers to a preflight, empty when the bot allows no such request (no {@code cors}
     * setting, an invalid one, or an origin, method or header it does not list).
     */
    public static Optional<HttpHeaders> preflight(Bot bot, String origin, String requestMethod, List<String> requestHeaders) {
        if (!(bot.settings().get(SETTING) instanceof BotSetting.Parsed.Valid<CorsPolicy> valid)) {
            return Optional.empty();
        }
        CorsConfiguration config = valid.value().config;
        String allowedOrigin = config.checkOrigin(origin);
        List<HttpMethod> methods = config.checkHttpMethod(requestMethod == null ? null : HttpMethod.valueOf(requestMethod));
        List<String> headers = config.checkHeaders(requestHeaders);
        // Spring returns the allowed part of the requested headers; one not allowed refuses the whole preflight.
        if (allowedOrigin == null || methods == null || headers == null || headers.size() != requestHeaders.size()) {
            return Optional.empty();
        }
        HttpHeaders answer = new HttpHeaders();
        answer.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin);
        answer.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", methods.stream().map(HttpMethod::name).toList()));
        if (!headers.isEmpty()) {
            answer.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", headers));
        }
        if (Boolean.TRUE.equals(config.getAllowCredentials())) {
            answer.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (config.getMaxAge() != null) {
            answer.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, Long.toString(config.getMaxAge()));
        }
        answer.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        answer.add(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        answer.add(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        return Optional.of(answer);
    }

    private static List<String> strings(JsonNode value, String name, int max, boolean required,
            java.util.function.Predicate<String> valid, String expected) {
        if (value == null || !value.isArray() || (required && value.isEmpty())) {
            throw new IllegalArgumentException(name + " must be a list" + (required ? " with at least one entry" : ""));
        }
        if (value.size() > max) {
            throw new IllegalArgumentException(name + " has " + value.size() + " entries, at most " + max);
        }
        List<String> result = new ArrayList<>();
        for (JsonNode entry : value) {
            if (!entry.isString() || !valid.test(entry.asString())) {
                throw new IllegalArgumentException(name + ": " + entry + " is not " + expected);
            }
            result.add(entry.asString());
        }
        return result;
    }
}

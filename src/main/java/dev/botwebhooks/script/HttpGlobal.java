package dev.botwebhooks.script;

import dev.botwebhooks.httprequest.ScriptHttpRequest;
import dev.botwebhooks.token.HttpToken;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Undefined;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * {@code HTTP.get|post|put|patch|delete|options({url, params, body, headers, cookies, success, error,
 * folow_redirects})}, as Bots.Business has it: the request is buffered with the run's effects and sent after
 * the commit (so a failed run sends nothing); its {@code success} or {@code error} command then runs with the
 * response. A JSON content type is the default, as on BB; {@code headers: {"content-type": null}} drops it.
 */
final class HttpGlobal implements BjsGlobal {

    static final int MAX_URL_CHARS = 2048;
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_HEADERS = 50;
    static final int MAX_HEADER_VALUE_CHARS = 8192;
    static final int MAX_COMMAND_CHARS = 200;

    private final BjsEnvironment env;

    HttpGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        Scriptable api = env.newObject(cx);
        for (String method : new String[] {"get", "post", "put", "patch", "delete", "options"}) {
            env.function(api, method, 1, (c, args) -> request(c, method.toUpperCase(Locale.ROOT), args));
        }
        env.define("HTTP", api);
    }

    private Object request(Context cx, String method, Object[] args) {
        String function = "HTTP." + method.toLowerCase(Locale.ROOT);
        BotRunAll.refuseInRecipient(env, function);
        Scriptable call = BjsArguments.callObject(args, function + " expects an object: {url, params, body, headers, success, error}");
        env.output().requireRoomForHttpRequest();
        URI url = url(function, get(call, "url"), get(call, "params"));
        Map<String, String> headers = headers(function, get(call, "headers"), get(call, "cookies"));
        byte[] body = body(cx, function, get(call, "body"));
        // BB spells it folow_redirects; the correct spelling is taken too.
        Object followRedirects = firstPresent(get(call, "follow_redirects"), get(call, "folow_redirects"));
        boolean follow = !isAbsent(followRedirects) && ScriptRuntime.toBoolean(followRedirects);
        env.output().addHttpRequest(new ScriptHttpRequest(method, url.toString(), headers, body, follow,
                command(function, "success", get(call, "success")), command(function, "error", get(call, "error"))));
        return Undefined.instance;
    }

    private static URI url(String function, Object value, Object params) {
        if (!(value instanceof CharSequence text) || text.length() > MAX_URL_CHARS) {
            throw typeError(function + ": url must be a string of at most " + MAX_URL_CHARS + " characters, not " + describe(value));
        }
        StringBuilder url = new StringBuilder(text);
        if (isPlainObject(params)) {
            Scriptable fields = (Scriptable) params;
            String separator = url.indexOf("?") >= 0 ? "&" : "?";
            for (Object id : fields.getIds()) {
                String name = String.valueOf(id);
                Object field = get(fields, name);
                if (isAbsent(field)) {
                    continue;
                }
                url.append(separator).append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(ScriptRuntime.toString(field), StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        try {
            URI uri = new URI(url.toString());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw typeError(function + ": url must be an http or https URL with a host, not " + describe(value));
            }
            if (url.length() > MAX_URL_CHARS) {
                throw typeError(function + ": url with its params is over " + MAX_URL_CHARS + " characters");
            }
            return uri;
        } catch (URISyntaxException malformed) {
            throw typeError(function + ": url is not a valid URL: " + malformed.getReason());
        }
    }

    private static Map<String, String> headers(String function, Object value, Object cookies) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (isPlainObject(value)) {
            Scriptable given = (Scriptable) value;
            Object[] ids = given.getIds();
            if (ids.length > MAX_HEADERS) {
                throw typeError(function + ": at most " + MAX_HEADERS + " headers");
            }
            for (Object id : ids) {
                String name = String.valueOf(id);
                Object header = get(given, name);
                if (!HttpToken.isValid(name, 256)) {
                    throw typeError(function + ": '" + name + "' is not a header name");
                }
                headers.remove(name.toLowerCase(Locale.ROOT));
                if (header == null || isAbsent(header)) {
                    continue;
                }
                headers.put(name.toLowerCase(Locale.ROOT), headerValue(function, name, ScriptRuntime.toString(header)));
            }
        } else if (!isAbsent(value) && value != null) {
            throw typeError(function + ": headers must be an object, not " + describe(value));
        }
        if (cookies instanceof CharSequence text && !text.isEmpty()) {
            headers.put("cookie", headerValue(function, "cookies", text.toString()));
        }
        return headers;
    }

    private static String headerValue(String function, String name, String value) {
        if (value.length() > MAX_HEADER_VALUE_CHARS || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw typeError(function + ": header " + name + " must be at most " + MAX_HEADER_VALUE_CHARS
                    + " characters without line breaks");
        }
        return value;
    }

    private byte[] body(Context cx, String function, Object value) {
        if (isAbsent(value) || value == null) {
            return null;
        }
        String text = value instanceof CharSequence chars ? chars.toString() : JsValues.stringify(cx, env.scope(), value);
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw typeError(function + ": body is " + bytes.length + " bytes, at most " + MAX_BODY_BYTES);
        }
        return bytes;
    }

    private static String command(String function, String field, Object value) {
        if (isAbsent(value) || value == null) {
            return null;
        }
        if (!(value instanceof CharSequence text) || text.toString().isBlank() || text.length() > MAX_COMMAND_CHARS) {
            throw typeError(function + ": " + field + " must be a command name, not " + describe(value));
        }
        return text.toString().strip();
    }

    private static Object firstPresent(Object first, Object second) {
        return isAbsent(first) ? second : first;
    }
}

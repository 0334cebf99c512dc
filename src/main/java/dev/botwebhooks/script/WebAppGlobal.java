package dev.botwebhooks.script;

import dev.botwebhooks.token.HttpToken;
import dev.botwebhooks.url.WebhookUrlRequest;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * {@code WebApp.render({content, mime_type, status, headers})}: the HTTP answer the script chooses
 * instead of the JSON one. Checked here, as the script calls it, so that a bad answer is the
 * script's error with its line, never a broken response. {@code WebApp.render({template, options})} renders a
 * template command ({@link Templates}); {@code WebApp.getUrl({command, options})} is a signed URL that runs the
 * command with those options and answers what it renders.
 */
final class WebAppGlobal implements BjsGlobal {

    private static final int MAX_RENDER_HEADERS = 50;
    private static final int MAX_HEADER_VALUE_CHARS = 8192;
    private static final int MAX_MIME_TYPE_CHARS = 255;
    private static final int MAX_HEADER_NAME_CHARS = 256;
    private static final Set<String> REFUSED_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "content-type");

    /** Made when a script first reads it ({@link LazyFunctions}). */
    private static final List<LazyFunctions.Lazy> LAZY =
            List.of(new LazyFunctions.Lazy("getUrl", 1, env -> new WebAppGlobal(env)::getUrl));

    private final BjsEnvironment env;

    WebAppGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        Scriptable api = new LazyFunctions(env, LAZY);
        env.function(api, "render", 1, this::render);
        env.define("WebApp", api);
    }

    private Object render(Context cx, Object[] args) {
        Scriptable call = BjsArguments.callObject(args,
                "WebApp.render expects an object: {content, mime_type, status, headers}");
        Object template = get(call, "template");
        String templateName = isAbsent(template) ? null : ScriptRuntime.toString(template);
        String body = templateName != null ? renderTemplate(cx, templateName, get(call, "options"))
                : renderBody(cx, get(call, "content"));
        long bytes = utf8Length(body);
        int maxAnswerBytes = env.limits().maxAnswerBytes();
        if (bytes > maxAnswerBytes) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "WebApp.render content is " + bytes
                    + " bytes, the limit is " + maxAnswerBytes);
        }
        int status = renderStatus(get(call, "status"));
        Object mimeType = get(call, "mime_type");
        String contentType = isAbsent(mimeType) && templateName != null
                ? Templates.renderedMediaType(templateName).orElse("text/html; charset=utf-8") : renderContentType(mimeType);
        Map<String, String> headers = renderHeaders(get(call, "headers"));
        env.output().customResponse(new CustomResponse(status, contentType, headers, body));
        return Undefined.instance;
    }

    /** The template command's text with its tags' values; the tags see the run's globals and {@code options}. */
    private String renderTemplate(Context cx, String name, Object options) {
        String text = env.callHost("bot data is unavailable", () -> env.host().commandText(name))
                .orElseThrow(() -> JsValues.error("WebApp.render: no template command " + name));
        Function rendering;
        try {
            rendering = cx.compileFunction(env.scope(), Templates.toFunction(text), "template " + name, 0, null);
        } catch (IllegalArgumentException unclosed) {
            throw JsValues.error("WebApp.render: template " + name + ": " + unclosed.getMessage());
        }
        Object given = isAbsent(options) ? ScriptableObject.getProperty(env.scope(), "options") : options;
        Object rendered = rendering.call(cx, env.scope(), env.scope(),
                new Object[] {given == Scriptable.NOT_FOUND ? Undefined.instance : given});
        return ScriptRuntime.toString(rendered);
    }

    /**
     * {@code WebApp.getUrl({command, options, user_id, expires_in})}: a signed URL of this bot that runs the command
     * for the current user (or {@code user_id}) with {@code options} as its {@code options}; the page is what that
     * command renders. As on BB, {@code WebApp.getUrl({command})} alone links to a page of the bot.
     */
    private Object getUrl(Context cx, Object[] args) {
        Scriptable call = BjsArguments.callObject(args, "WebApp.getUrl expects an object: {command, options}");
        Object command = get(call, "command");
        if (isAbsent(command) || ScriptRuntime.toString(command).isBlank()) {
            throw typeError("WebApp.getUrl: command is required");
        }
        Object options = get(call, "options");
        String optionsJson = isAbsent(options) ? "{}" : JsValues.stringify(cx, env.scope(), options);
        Object userId = get(call, "user_id");
        Long user = isAbsent(userId) ? env.run().userId() : BjsArguments.userId(userId, "WebApp.getUrl");
        Object expires = get(call, "expires_in");
        Long expiresIn = null;
        if (!isAbsent(expires)) {
            double seconds = expires instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!JsValues.isWholeNumber(seconds) || seconds > Long.MAX_VALUE / 1000) {
                throw typeError("WebApp.getUrl: expires_in must be a whole number of seconds, not " + describe(expires));
            }
            expiresIn = (long) seconds;
        }
        WebhookUrlRequest request = new WebhookUrlRequest(ScriptRuntime.toString(command), null, user, null, expiresIn,
                optionsJson == null ? "null" : optionsJson);
        return env.callHost("webhook URLs are unavailable", () -> {
            try {
                return env.host().webhookUrl(request);
            } catch (IllegalArgumentException e) {
                throw JsValues.error("WebApp.getUrl: " + e.getMessage());
            }
        });
    }

    private String renderBody(Context cx, Object content) {
        if (isAbsent(content)) {
            return "";
        }
        if (content instanceof Scriptable && !(content instanceof CharSequence)) {
            String json = JsValues.stringify(cx, env.scope(), content);
            return json == null ? "" : json;
        }
        return ScriptRuntime.toString(content);
    }

    private static int renderStatus(Object status) {
        if (isAbsent(status)) {
            return 200;
        }
        double code = status instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!JsValues.isWholeNumber(code) || code < 100 || code > 599) {
            throw rangeError("WebApp.render: status must be a whole number from 100 to 599, not " + describe(status));
        }
        return (int) code;
    }

    private static String renderContentType(Object mimeType) {
        if (isAbsent(mimeType)) {
            return "text/html; charset=utf-8";
        }
        String type = mimeType instanceof CharSequence text ? text.toString() : "";
        if (type.isBlank() || type.length() > MAX_MIME_TYPE_CHARS || hasControlCharacter(type)) {
            throw typeError("WebApp.render: mime_type must be a media type such as \"text/plain\", not "
                    + describe(mimeType));
        }
        return type;
    }

    private static Map<String, String> renderHeaders(Object headers) {
        if (isAbsent(headers)) {
            return Map.of();
        }
        if (!isPlainObject(headers)) {
            throw typeError("WebApp.render: headers must be an object of name: value");
        }
        Scriptable object = (Scriptable) headers;
        Object[] ids = object.getIds();
        if (ids.length > MAX_RENDER_HEADERS) {
            throw rangeError("WebApp.render: at most " + MAX_RENDER_HEADERS + " headers");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Object id : ids) {
            String name = id.toString();
            if (!HttpToken.isValid(name, MAX_HEADER_NAME_CHARS)) {
                throw typeError("WebApp.render: " + describe(name) + " is not a valid header name");
            }
            if (REFUSED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw typeError("WebApp.render: the " + name + " header is set by the server"
                        + (name.equalsIgnoreCase("content-type") ? "; use mime_type" : ""));
            }
            Object raw = id instanceof Integer index ? object.get(index, object) : object.get(name, object);
            String value = ScriptRuntime.toString(raw);
            if (value.length() > MAX_HEADER_VALUE_CHARS || hasControlCharacter(value)) {
                throw typeError("WebApp.render: the value of header " + name
                        + " must be at most " + MAX_HEADER_VALUE_CHARS + " characters without line breaks");
            }
            result.put(name, value);
        }
        return Collections.unmodifiableMap(result);
    }

    /** UTF-8 size without encoding: the answer is encoded once, when it is sent. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    }
}

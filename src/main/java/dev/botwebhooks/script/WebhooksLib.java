package dev.botwebhooks.script;

import dev.botwebhooks.url.WebhookUrlRequest;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;

import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.typeError;

/** {@code Libs.Webhooks}: signed URLs that run a command of this bot, and {@code verifyHmac} ({@link HmacHelper}). */
final class WebhooksLib implements BjsGlobal {

    private final BjsEnvironment env;

    WebhooksLib(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        Scriptable lib = env.newObject(cx);
        env.function(lib, "getUrlFor", 1, (c, args) -> webhookUrl(c, args, false));
        env.function(lib, "getGlobalUrl", 1, (c, args) -> webhookUrl(c, args, true));
        env.function(lib, "verifyHmac", 1, (c, args) -> HmacHelper.verify(args));
        env.defineLib(cx, "Webhooks", lib);
    }

    /** A global URL runs without a user; a user URL for the current user unless it names one. */
    private Object webhookUrl(Context cx, Object[] args, boolean global) {
        String function = "Libs.Webhooks." + (global ? "getGlobalUrl" : "getUrlFor");
        Scriptable call = BjsArguments.callObject(args,
                function + " expects an object: {command, content, redirect_to, expires_in}");
        Object command = get(call, "command");
        if (!(command instanceof CharSequence) || command.toString().isBlank()) {
            throw typeError(function + ": command is required");
        }
        Object content = get(call, "content");
        String contentText = isAbsent(content) ? null
                : content instanceof CharSequence text ? text.toString()
                : JsValues.stringify(cx, env.scope(), content);
        Object userId = get(call, "user_id");
        Long user = global ? null : isAbsent(userId) ? env.run().userId() : BjsArguments.userId(userId, function);
        Object redirect = get(call, "redirect_to");
        String redirectTo = isAbsent(redirect) ? null : ScriptRuntime.toString(redirect);
        Object expires = get(call, "expires_in");
        Long expiresIn = null;
        if (!isAbsent(expires)) {
            double seconds = expires instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!JsValues.isWholeNumber(seconds) || seconds > Long.MAX_VALUE / 1000) {
                throw typeError(function + ": expires_in must be a whole number of seconds, not " + describe(expires));
            }
            expiresIn = (long) seconds;
        }
        WebhookUrlRequest request = new WebhookUrlRequest(command.toString(), contentText, user, redirectTo, expiresIn);
        return env.callHost("webhook URLs are unavailable", () -> {
            try {
                return env.host().webhookUrl(request);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        });
    }
}

package dev.botwebhooks.script;

import dev.botwebhooks.crypto.Hmac;
import org.mozilla.javascript.Scriptable;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * {@code Libs.Webhooks.verifyHmac({secret, payload, signature, algorithm, encoding, prefix})}: for
 * providers the {@code signature} setting does not know. Compares in constant time; true or false,
 * and a JavaScript error only for a wrong call.
 */
final class HmacHelper {

    private static final String USAGE = "Libs.Webhooks.verifyHmac expects {secret, payload, signature, "
            + "algorithm: 'sha256'|'sha1'|'sha512', encoding: 'hex'|'base64', prefix}";

    private HmacHelper() {
    }

    static Object verify(Object[] args) {
        Scriptable call = BjsArguments.callObject(args, USAGE);
        String secret = requiredText(call, "secret");
        String payload = requiredText(call, "payload");
        String signature = requiredText(call, "signature");
        String algorithm = optionalText(call, "algorithm", "sha256");
        String jca = Hmac.algorithm(algorithm).orElseThrow(() ->
                rangeError("Libs.Webhooks.verifyHmac: algorithm must be sha256, sha1 or sha512, not " + describe(algorithm)));
        String encoding = optionalText(call, "encoding", "hex").toLowerCase(Locale.ROOT);
        if (!encoding.equals("hex") && !encoding.equals("base64")) {
            throw rangeError("Libs.Webhooks.verifyHmac: encoding must be hex or base64, not " + describe(encoding));
        }
        String prefix = optionalText(call, "prefix", "");
        if (!signature.startsWith(prefix)) {
            return false;
        }
        byte[] expected = Hmac.sign(jca, secret.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
        return Hmac.equal(expected, Hmac.decode(signature.substring(prefix.length()), encoding).orElse(null));
    }

    private static String requiredText(Scriptable call, String field) {
        Object value = get(call, field);
        if (!(value instanceof CharSequence text)) {
            throw typeError("Libs.Webhooks.verifyHmac: " + field + " must be a string, not " + describe(value)
                    + "; " + USAGE);
        }
        return text.toString();
    }

    private static String optionalText(Scriptable call, String field, String fallback) {
        return isAbsent(get(call, field)) ? fallback : requiredText(call, field);
    }
}

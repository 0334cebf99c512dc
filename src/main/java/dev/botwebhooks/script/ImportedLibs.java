package dev.botwebhooks.script;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Libraries a bot brought in its BB export ({@code libs/Lang.js}), compiled once per distinct code: the cache is keyed
 * by the library's name and a hash of its code, so a re-import with other code compiles anew, and two bots with the
 * same library share one compiled script (it holds nothing of a run).
 */
final class ImportedLibs {

    private static final Cache<String, Script> COMPILED = Caffeine.newBuilder().maximumSize(256).build();

    private ImportedLibs() {
    }

    /** @throws org.mozilla.javascript.EcmaError naming the file when its code does not compile */
    static Script compiled(Context cx, String name, String code) {
        String key = name + "/" + sha256(code);
        Script script = COMPILED.getIfPresent(key);
        if (script != null) {
            return script;
        }
        try {
            script = cx.compileString(code, "libs/" + name + ".js", 1, null);
        } catch (EvaluatorException e) {
            throw JsValues.error("Libs." + name + " (the bot's libs/" + name + ".js) does not compile: " + e.details()
                    + " (line " + e.lineNumber() + ")");
        }
        COMPILED.put(key, script);
        return script;
    }

    private static String sha256(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

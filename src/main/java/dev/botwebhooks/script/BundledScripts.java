package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BJS globals and libraries written in JavaScript that ship with the service ({@code bjs/List.js},
 * {@code bjs/AdminPanel.js}, {@code bjs/libs/*.js}), each compiled once per process: a compiled script holds nothing of a run, which runs it in its own scope.
 */
final class BundledScripts {

    private static final Map<String, Script> COMPILED = new ConcurrentHashMap<>();

    private BundledScripts() {
    }

    /** The compiled {@code bjs/<name>.js}; the first caller compiles it. */
    static Script compiled(Context cx, String name) {
        return compiled(cx, name, name);
    }

    /** The same, named {@code sourceName} in stack traces ({@code Libs.OxaPayLib}). */
    static Script compiled(Context cx, String name, String sourceName) {
        return COMPILED.computeIfAbsent(name, key -> cx.compileString(source(key), sourceName, 1, null));
    }

    private static String source(String name) {
        try (InputStream in = BundledScripts.class.getResourceAsStream("/bjs/" + name + ".js")) {
            if (in == null) {
                throw new IllegalStateException("bjs/" + name + ".js is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

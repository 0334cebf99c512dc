package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Bots.Business store libraries written in JavaScript that ship with the service ({@code bjs/libs/*.js}),
 * each compiled once and run in a run's scope the first time a command uses it. A library ends with
 * {@code publish({...})}, as BB's do; what it publishes is {@code Libs.<name>}.
 */
final class BundledLibs {

    /** Built in for every bot; {@code Webhooks} is a Java global of its own. */
    static final List<String> NAMES = List.of("ResourcesLib");

    private static final Map<String, Script> COMPILED = new ConcurrentHashMap<>();

    private BundledLibs() {
    }

    static boolean has(String name) {
        return NAMES.contains(name);
    }

    /** The compiled library; the first caller compiles it (its code never changes, and it holds nothing of a run). */
    static Script compiled(Context cx, String name) {
        return COMPILED.computeIfAbsent(name, key -> cx.compileString(source(key), "Libs." + key, 1, null));
    }

    private static String source(String name) {
        try (InputStream in = BundledLibs.class.getResourceAsStream("/bjs/libs/" + name + ".js")) {
            if (in == null) {
                throw new IllegalStateException("library " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

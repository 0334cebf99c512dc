package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Code of a command as saved: run as is when Rhino parses it, else transpiled by Babel (its standalone build, run
 * in a Rhino context of its own, away from any bot's run) to the JavaScript Rhino runs: classes, object rest and
 * spread, async/await, optional chaining, {@code ??}, {@code **}. Lines are kept, so an error's line is the
 * author's. Saving is rare and Babel is large, so it is loaded on the first code that needs it and runs one
 * transpilation at a time, each bounded by {@code timeout}.
 */
public final class ModernSyntax {

    private static final String BABEL = "/META-INF/resources/webjars/babel__standalone/7.21.2/babel.min.js";
    /**
     * The transforms Rhino 1.9 needs, not a whole preset: each plugin costs time on every transpilation. Class
     * fields become constructor code before classes become functions, so their plugin comes first.
     */
    private static final String OPTIONS = "{sourceType: 'script', retainLines: true, comments: false, "
            + "parserOpts: {allowReturnOutsideFunction: true}, plugins: ['proposal-class-properties', 'transform-classes', "
            + "'proposal-object-rest-spread', 'transform-async-to-generator', 'transform-regenerator', "
            + "'proposal-optional-chaining', 'proposal-nullish-coalescing-operator', 'transform-exponentiation-operator', "
            + "'transform-spread', 'transform-parameters', 'transform-destructuring']}";

    /** What saving a command's code gives. */
    public sealed interface Checked {

        /** Rhino parses the code: it runs as written. */
        record AsWritten() implements Checked {
        }

        /** Rhino runs {@code runnable}, Babel's translation of the code. */
        record Transpiled(String runnable) implements Checked {
        }

        /** Neither parses: {@code message} says where, in the author's lines. */
        record Invalid(String message) implements Checked {
        }
    }

    /** One JVM loads Babel once (it is the same code for every bot and every application context). */
    private static final DeadlineContexts CONTEXTS = new DeadlineContexts();
    private static Scriptable babel;

    private final Duration timeout;

    public ModernSyntax(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * A command's code checked by its name: a template ({@link Templates}) must have tags that compile, and runs as
     * a render of itself; any other command is JavaScript ({@link #check(String)}).
     */
    public Checked check(String commandName, String code) {
        if (!Templates.isTemplate(commandName)) {
            return check(code);
        }
        try {
            // The tags are one function body: lines are kept, so an error names the template's line.
            Optional<String> error = ScriptSyntax.error(Templates.toFunctionBody(code));
            return error.isPresent() ? new Checked.Invalid(error.get())
                    : new Checked.Transpiled(Templates.selfRendering(commandName));
        } catch (IllegalArgumentException unclosed) {
            return new Checked.Invalid(unclosed.getMessage());
        }
    }

    public Checked check(String code) {
        Optional<String> rhinoError = ScriptSyntax.error(code);
        if (rhinoError.isEmpty()) {
            return new Checked.AsWritten();
        }
        Checked.Transpiled transpiled;
        try {
            transpiled = transpile(code);
        } catch (SyntaxRefused refused) {
            return new Checked.Invalid(refused.getMessage());
        }
        Optional<String> stillRefused = ScriptSyntax.error(transpiled.runnable());
        // Babel accepted it but Rhino cannot run what it made: Rhino's own complaint about the original says more.
        return stillRefused.isEmpty() ? transpiled : new Checked.Invalid(rhinoError.get());
    }

    private Checked.Transpiled transpile(String code) {
        synchronized (ModernSyntax.class) {
            return transpileAlone(code);
        }
    }

    private Checked.Transpiled transpileAlone(String code) {
        DeadlineContexts contexts = CONTEXTS;
        try (Context cx = contexts.enterContext()) {
            if (babel == null) {
                // Babel's own code, once: not bounded by the author's timeout.
                babel = loadBabel(cx);
            }
            contexts.deadline = System.nanoTime() + timeout.toNanos();
            Scriptable call = cx.newObject(babel);
            call.setPrototype(babel);
            call.setParentScope(null);
            ScriptableObject.putProperty(call, "code", code);
            Object out = cx.evaluateString(call, "Babel.transform(code, " + OPTIONS + ").code", "transpile", 1, null);
            return new Checked.Transpiled(Context.toString(out));
        } catch (JavaScriptException | org.mozilla.javascript.EcmaError babelSaysNo) {
            throw new SyntaxRefused("SyntaxError: " + babelMessage(babelSaysNo));
        } catch (TimedOut e) {
            // Stopped halfway, Babel's module state is not to be trusted: the next save loads it afresh.
            babel = null;
            throw new SyntaxRefused("SyntaxError: the code could not be transpiled within " + timeout.toSeconds() + " s");
        } finally {
            contexts.deadline = 0;
        }
    }

    private static Scriptable loadBabel(Context cx) {
        Scriptable scope = cx.initStandardObjects();
        // What Babel's browser build expects of its host, and nothing more.
        cx.evaluateString(scope, "var self = this, window = this, "
                + "console = {log: function () {}, warn: function () {}, error: function () {}};", "host", 1, null);
        cx.evaluateString(scope, source(), "babel.min.js", 1, null);
        return scope;
    }

    /** Babel's message ends with the line and column and a code frame; the first line is what the author needs. */
    private static String babelMessage(RhinoException e) {
        String details = e.details();
        int frame = details.indexOf('\n');
        String message = frame < 0 ? details : details.substring(0, frame);
        return message.replaceFirst("^(Error|SyntaxError): ", "").replaceFirst("^unknown( file)?: ", "").replaceFirst("^transpile: ", "");
    }

    private static String source() {
        try (InputStream in = ModernSyntax.class.getResourceAsStream(BABEL)) {
            if (in == null) {
                throw new IllegalStateException("Babel is not on the classpath (" + BABEL + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class SyntaxRefused extends RuntimeException {
        SyntaxRefused(String message) {
            super(message, null, false, false);
        }
    }

    private static final class TimedOut extends Error {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    /** Interpreted (Babel is too large to compile to bytecode quickly) and stopped at the deadline. */
    private static final class DeadlineContexts extends ContextFactory {

        private volatile long deadline;

        @Override
        protected Context makeContext() {
            Context cx = super.makeContext();
            cx.setInterpretedMode(true);
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setInstructionObserverThreshold(100_000);
            return cx;
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            if (deadline != 0 && System.nanoTime() > deadline) {
                throw new TimedOut();
            }
        }
    }
}

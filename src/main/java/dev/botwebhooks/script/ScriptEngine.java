package dev.botwebhooks.script;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.WrappedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs bot commands in the Rhino sandbox: each run has a global of its own in front of a locked set of
 * built-ins borrowed from a pool ({@link BuiltInPool}). Call {@link #run} on a script worker thread with a
 * fixed stack size: a run may block on the host and uses that thread's CPU and allocation counters for
 * its limits.
 */
public final class ScriptEngine {

    private static final Logger log = LoggerFactory.getLogger(ScriptEngine.class);

    private static final int COMPILED_SCRIPTS = 10_000;
    private static final int MAX_PUBLIC_MESSAGE_CHARS = 500;
    private static final int STACK_FRAMES = 30;

    private final SandboxContextFactory contexts;
    private final Cache<CompiledKey, Compiled> compiled =
            Caffeine.newBuilder().maximumSize(COMPILED_SCRIPTS).build();
    private final AtomicLong compilations = new AtomicLong();
    private final BuiltInPool builtIns = new BuiltInPool();
    /** Holds the template objects of compiled commands; never lent to a run. */
    private final BuiltInSet templateRealm;

    public ScriptEngine(ScriptLimits limits) {
        this.contexts = new SandboxContextFactory(Objects.requireNonNull(limits, "limits"));
        try (Context cx = contexts.enterContext()) {
            this.templateRealm = BuiltInSet.createFrozen(cx);
        }
    }

    public ScriptOutcome run(ScriptRun run, ScriptHost host) {
        try (Context cx = contexts.enterContext()) {
            // Borrowed before the run's budget starts: building a new set is the engine's cost, not the script's.
            BuiltInSet set = builtIns.borrow(cx);
            SandboxContextFactory.Budget budget = contexts.startBudget();
            SandboxContextFactory.SandboxContext sandbox = (SandboxContextFactory.SandboxContext) cx;
            sandbox.budget = budget;
            try {
                return execute(cx, run, host, set, budget);
            } catch (RunAborted e) {
                if (e.getCause() != null) {
                    log.warn("script run of bot {} command {} aborted: {}", run.source().botId(),
                            run.source().commandName(), e.getMessage(), e.getCause());
                }
                return failed(budget, e.kind(), e.getMessage(), e.getMessage() + stack(e.scriptStack()));
            } catch (StackOverflowError e) {
                return failed(budget, ScriptFailure.Kind.STACK_LIMIT, "stack depth limit exceeded",
                        "stack depth limit exceeded (Java stack)");
            } catch (OutOfMemoryError e) {
                return failed(budget, ScriptFailure.Kind.MEMORY_LIMIT, "memory limit exceeded",
                        "memory limit exceeded (the heap could not hold an allocation)");
            } catch (RhinoException e) {
                return scriptError(cx, budget, e);
            } catch (RuntimeException e) {
                log.warn("script run of bot {} command {} failed inside Rhino", run.source().botId(),
                        run.source().commandName(), e);
                return failed(budget, ScriptFailure.Kind.SCRIPT_ERROR, "InternalError: the script could not be run",
                        "InternalError: the script could not be run (" + e.getClass().getSimpleName() + ")");
            } finally {
                sandbox.budget = null;
                // Locked, so no run can have changed it, however the run ended.
                builtIns.giveBack(set);
            }
        }
    }

    /** How many times a script was compiled (not found in the cache). */
    long compilations() {
        return compilations.get();
    }

    private ScriptOutcome execute(Context cx, ScriptRun run, ScriptHost host, BuiltInSet set,
            SandboxContextFactory.Budget budget) {
        ScriptSource source = run.source();
        Compiled script = compiled.get(new CompiledKey(source.botId(), source.commandName(), source.version()),
                key -> compile(cx, source));
        if (script.failure() != null) {
            return new ScriptOutcome(null, null, Effects.NONE, script.failure(), cpuTime(budget));
        }
        RunScope scope = new RunScope(set);
        BjsRun bjs = new BjsRun(run, host, contexts.limits(), budget, this::compiledSubCommand);
        bjs.install(cx, scope);
        if (run.reply() == ReplyMode.END_WAIT || run.reply() == ReplyMode.REPLY) {
            bjs.endWait();
        }
        if (run.answer() != null && run.reply() != ReplyMode.REPLY) {
            bjs.sendAnswer(run.answer());
        }
        if (run.reply() == ReplyMode.ASK) {
            // BB's "Wait for answer": the question now, the code with the user's reply. A bot-started run's options
            // (Bot.run's) come back with the reply.
            bjs.waitForReply(source.commandName(), run.completedCommands() > 0 ? run.options() : null);
            return new ScriptOutcome(bjs.answer(), bjs.customResponse(), bjs.effects(), null, cpuTime(budget));
        }
        if (run.before() != null) {
            aroundScript(cx, run.before()).exec(cx, scope);
        }
        script.script().exec(cx, scope);
        // Promise reactions (what follows an await) run once the command's own code is done, as in a browser.
        cx.processMicrotasks();
        if (run.after() != null) {
            aroundScript(cx, run.after()).exec(cx, scope);
        }
        // A single built-in call (String.prototype.repeat, a join) can overspend between two observations.
        budget.check();
        return new ScriptOutcome(bjs.answer(), bjs.customResponse(), bjs.effects(), null, cpuTime(budget));
    }

    private Script compiledSubCommand(Context cx, ScriptSource source) {
        Compiled script = compiled.get(new CompiledKey(source.botId(), source.commandName(), source.version()),
                key -> compile(cx, source));
        if (script.failure() != null) {
            throw JsValues.error("Bot.runCommand " + source.commandName() + ": " + script.failure().publicMessage());
        }
        return script.script();
    }

    /**
     * {@code @} or {@code @@}, compiled without the function wrapper when it parses so, so that what it declares
     * with {@code var} or {@code function} is the run's global, which BB's commands expect to see; one that
     * uses a top-level {@code return} keeps the wrapper (and its declarations to itself).
     */
    private Script aroundScript(Context cx, ScriptSource source) {
        Compiled script = compiled.get(new CompiledKey(source.botId(), source.commandName(), source.version()),
                key -> {
                    Compiled unwrapped = compile(cx, source, false);
                    return unwrapped.failure() == null ? unwrapped : compile(cx, source, true);
                });
        if (script.failure() != null) {
            throw JsValues.error("command " + source.commandName() + ": " + script.failure().publicMessage());
        }
        return script.script();
    }

    /** How many locked built-in sets the pool has built. */
    int builtInSetsBuilt() {
        return builtIns.built();
    }

    private Compiled compile(Context cx, ScriptSource source) {
        return compile(cx, source, true);
    }

    private Compiled compile(Context cx, ScriptSource source, boolean wrapped) {
        compilations.incrementAndGet();
        // Line 0 holds the wrapper, so the command's own line numbers are kept in errors.
        String code = wrapped ? "(function(){\n" + source.code() + "\n})();" : "\n" + source.code();
        try {
            Script script = cx.compileString(code, source.commandName(), 0, null);
            TemplateObjects.prepare(cx, script, templateRealm.scope());
            return new Compiled(script, null);
        } catch (EvaluatorException e) {
            String message = "SyntaxError: " + e.details() + " (line " + e.lineNumber() + ")";
            return new Compiled(null, new ScriptFailure(ScriptFailure.Kind.SCRIPT_ERROR, publicText(message),
                    e.getMessage() + (e.lineSource() == null ? "" : "\n" + e.lineSource())));
        }
    }

    private ScriptOutcome scriptError(Context cx, SandboxContextFactory.Budget budget, RhinoException e) {
        String detail = e.getMessage() + stack(e.getScriptStackTrace(STACK_FRAMES, null));
        if (e instanceof EvaluatorException && SandboxContextFactory.STACK_DEPTH_EXCEEDED.equals(e.details())) {
            return failed(budget, ScriptFailure.Kind.STACK_LIMIT, "stack depth limit exceeded", detail);
        }
        String message;
        if (e instanceof JavaScriptException thrown) {
            message = thrownValue(cx, thrown.getValue());
        } else if (e instanceof EcmaError ecma) {
            message = ecma.getName() + ": " + ecma.getErrorMessage();
        } else if (e instanceof WrappedException wrapped) {
            log.warn("a BJS function failed", wrapped.getWrappedException());
            message = "InternalError: a BJS function failed";
            detail = message + stack(e.getScriptStackTrace(STACK_FRAMES, null));
        } else {
            message = "Error: " + e.details();
        }
        return failed(budget, ScriptFailure.Kind.SCRIPT_ERROR, publicText(message), detail);
    }

    /** "Name: message" of a thrown Error, else the thrown value as text; never fails. */
    private static String thrownValue(Context cx, Object value) {
        try {
            if (value instanceof ScriptableObject error && "Error".equals(error.getClassName())) {
                Object name = ScriptableObject.getProperty(error, "name");
                Object message = ScriptableObject.getProperty(error, "message");
                String text = message instanceof CharSequence m ? m.toString() : "";
                return (name instanceof CharSequence n ? n.toString() : "Error") + (text.isEmpty() ? "" : ": " + text);
            }
            if (value instanceof Scriptable) {
                return "Uncaught " + JsValues.describe(value);
            }
            return value instanceof CharSequence text ? text.toString() : JsValues.describe(value);
        } catch (RuntimeException | RunAborted e) {
            return "Error";
        }
    }

    private static String publicText(String message) {
        return message.length() > MAX_PUBLIC_MESSAGE_CHARS ? message.substring(0, MAX_PUBLIC_MESSAGE_CHARS) + "..." : message;
    }

    private static String stack(String scriptStack) {
        return scriptStack == null || scriptStack.isBlank() ? "" : "\n" + scriptStack.stripTrailing();
    }

    private static ScriptOutcome failed(SandboxContextFactory.Budget budget, ScriptFailure.Kind kind,
            String publicMessage, String detail) {
        return new ScriptOutcome(null, null, Effects.NONE, new ScriptFailure(kind, publicMessage, detail),
                cpuTime(budget));
    }

    private static Duration cpuTime(SandboxContextFactory.Budget budget) {
        return Duration.ofNanos(budget.cpuUsedNanos());
    }

    private record CompiledKey(long botId, String commandName, long version) {
    }

    /** A compiled command, or why it does not compile (cached too: a version's code never changes). */
    private record Compiled(Script script, ScriptFailure failure) {
    }
}

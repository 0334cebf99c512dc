package dev.botwebhooks.script;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run's {@code Libs}: the Java libraries defined on it ({@code Libs.Webhooks}), and the bundled JavaScript ones
 * loaded the first time the command reads them, when the bot has them installed ({@link InstalledLibs}). Reading a
 * library the bot does not have is an error that says so, rather than {@code Cannot call method "userRes" of
 * undefined} one line later.
 */
final class LibsObject extends ScriptableObject {

    /** Runs a library's command ({@link LibCommands}); not enumerable, and made only when a library command runs. */
    static final String RUN_COMMAND = "__command";

    private final transient BjsEnvironment env;
    /** The handlers loaded libraries registered with {@code on(name, handler)}, by command name. */
    private final transient Map<String, Callable> handlers = new HashMap<>();
    /** Each loaded library's own scope, where a library command sees the calling command's values. */
    private final transient Map<String, Scriptable> scopes = new HashMap<>();
    private transient InstalledLibs installed;
    /** Other names BB's bots use for a library: its store file is {@code commonLib.js}. */
    private static final Map<String, String> ALIASES = Map.of("commonLib", InstalledLibs.COMMON_LIB);

    LibsObject(BjsEnvironment env) {
        this.env = env;
        setPrototype(ScriptableObject.getObjectPrototype(env.scope()));
        setParentScope(env.scope());
    }

    @Override
    public String getClassName() {
        return "Object";
    }

    @Override
    public boolean has(String name, Scriptable start) {
        return super.has(name, start) || (BundledLibs.has(name) && installed().has(name)) || ALIASES.containsKey(name);
    }

    @Override
    public Object get(String name, Scriptable start) {
        Object own = super.get(name, start);
        if (own != NOT_FOUND) {
            return own;
        }
        String alias = ALIASES.get(name);
        if (alias != null) {
            return get(alias, start);
        }
        if (BundledLibs.has(name) && installed().has(name)) {
            Context cx = Context.getCurrentContext();
            Object lib = load(cx, name, BundledLibs.compiled(cx, name));
            put(name, this, lib);
            return lib;
        }
        if (name.equals(RUN_COMMAND)) {
            LambdaFunction run = new LambdaFunction(env.scope(), RUN_COMMAND, 2, this::runCommand);
            defineProperty(RUN_COMMAND, run, DONTENUM | READONLY | PERMANENT);
            return run;
        }
        Scriptable prototype = getPrototype();
        if (prototype != null && ScriptableObject.getProperty(prototype, name) != NOT_FOUND) {
            return NOT_FOUND;
        }
        Optional<String> imported = env.callHost("bot files are unavailable", () -> env.host().importedLibrary(name));
        if (imported.isPresent()) {
            // The bot's own copy from its BB export: BB exports every library installed for the bot to libs/.
            Context cx = Context.getCurrentContext();
            Object lib = load(cx, name, ImportedLibs.compiled(cx, name, imported.get()));
            put(name, this, lib);
            return lib;
        }
        throw JsValues.error("Libs." + name + " is not installed for this bot (installed: "
                + String.join(", ", installed().names().stream().sorted().toList())
                + "; the bot setting libs lists them)");
    }

    private InstalledLibs installed() {
        if (installed == null) {
            installed = env.callHost("bot settings are unavailable", () -> env.host().installedLibs());
        }
        return installed;
    }

    /**
     * {@code Libs.__command(library, command, options, params, message)}: the handler the library registered for the
     * command, called. BB's handlers read the command's {@code options}, {@code params} and {@code message} as globals;
     * a handler's globals are its library's scope over the run's, so the calling command's values are put there for
     * the call (a library command run by {@code Bot.runCommand} has values of its own).
     */
    private Object runCommand(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
        String library = ScriptRuntime.toString(args.length > 0 ? args[0] : Undefined.instance);
        String command = ScriptRuntime.toString(args.length > 1 ? args[1] : Undefined.instance);
        Object lib = get(library, this);
        Callable handler = handlers.get(command);
        Scriptable libScope = scopes.get(library);
        if (handler == null || libScope == null) {
            throw JsValues.error("Libs." + library + " has no command " + command);
        }
        String[] names = {"options", "params", "message"};
        Object[] saved = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            saved[i] = libScope.has(names[i], libScope) ? libScope.get(names[i], libScope) : NOT_FOUND;
            libScope.put(names[i], libScope, args.length > i + 2 ? args[i + 2] : Undefined.instance);
        }
        try {
            return handler.call(cx, libScope, lib instanceof Scriptable s ? s : libScope, new Object[0]);
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (saved[i] == NOT_FOUND) {
                    libScope.delete(names[i]);
                } else {
                    libScope.put(names[i], libScope, saved[i]);
                }
            }
        }
    }

    /**
     * Runs the library in a scope of its own over the run's, so its top-level names stay its own; its
     * {@code publish(value)} is {@code Libs.<name>} and its {@code on(command, handler)} answers a library command.
     */
    private Object load(Context cx, String name, Script library) {
        Scriptable libScope = cx.newObject(env.scope());
        libScope.setPrototype(env.scope());
        libScope.setParentScope(null);
        Object[] published = {Undefined.instance};
        ScriptableObject.putProperty(libScope, "publish", new LambdaFunction(env.scope(), "publish", 1,
                (c, scope, thisObj, args) -> {
                    published[0] = args.length > 0 ? args[0] : Undefined.instance;
                    return Undefined.instance;
                }));
        ScriptableObject.putProperty(libScope, "on", new LambdaFunction(env.scope(), "on", 2,
                (c, scope, thisObj, args) -> {
                    if (args.length > 1 && args[1] instanceof Callable handler) {
                        handlers.put(ScriptRuntime.toString(args[0]), handler);
                    }
                    return Undefined.instance;
                }));
        scopes.put(name, libScope);
        library.exec(cx, libScope);
        return published[0];
    }
}

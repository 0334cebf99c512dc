package dev.botwebhooks.script;

import dev.botwebhooks.broadcast.RunAllTask;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;

import java.util.Optional;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * BB's {@code new RunAllTask({id})}: a {@code Bot.runAll} task of the bot, read through the host when constructed.
 * The constructor is JavaScript ({@code bjs/RunAllTask.js}, compiled once), made the first time a run names
 * {@code RunAllTask}; a run that does not pays nothing.
 */
final class RunAllTaskGlobal implements BjsGlobal {

    private final BjsEnvironment env;

    RunAllTaskGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        env.defineLazily("RunAllTask", () -> {
            Context current = Context.getCurrentContext();
            Scriptable store = env.newObject(current);
            env.function(store, "read", 1, this::read);
            Function factory = (Function) BundledScripts.compiled(current, "RunAllTask").exec(current, env.scope());
            return factory.call(current, env.scope(), env.scope(), new Object[] {store.get("read", store)});
        });
    }

    /** The task's fields as BB names them, or null when the bot has no task of that id. */
    private Object read(Context cx, Object[] args) {
        long id = taskId(arg(args, 0));
        Optional<RunAllTask> task = env.callHost("run-all tasks are unavailable", () -> env.host().runAllTask(id));
        return task.isEmpty() ? null : JsValues.fromJson(cx, env.scope(), task.get().toJson());
    }

    /** A whole number, or a string that holds one (a task id kept in a property may be either). */
    private static long taskId(Object value) {
        double number = value instanceof CharSequence text ? ScriptRuntime.toNumber(text.toString())
                : value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!JsValues.isWholeNumber(number) || number < 1 || number > PropertyCodec.MAX_SAFE_INTEGER) {
            throw typeError("RunAllTask expects {id: <task id>}, e.g. new RunAllTask({ id: options.run_all_task.id }),"
                    + " not the id " + describe(value));
        }
        return (long) number;
    }
}

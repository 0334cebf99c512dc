package dev.botwebhooks.script;

import org.mozilla.javascript.EvaluatorException;

/**
 * Ends a run from inside the interpreter. An {@link Error}, not an exception, because Rhino's
 * interpreter lets neither a script's {@code catch} nor its {@code finally} see an Error.
 */
final class RunAborted extends Error {

    private final ScriptFailure.Kind kind;
    private final String scriptStack;

    RunAborted(ScriptFailure.Kind kind, String publicMessage) {
        this(kind, publicMessage, null);
    }

    RunAborted(ScriptFailure.Kind kind, String publicMessage, Throwable cause) {
        super(publicMessage, cause, false, false);
        this.kind = kind;
        // A Rhino exception records the script frames active on this thread: where the limit was hit.
        this.scriptStack = new EvaluatorException(publicMessage).getScriptStackTrace(30, null);
    }

    ScriptFailure.Kind kind() {
        return kind;
    }

    String scriptStack() {
        return scriptStack;
    }
}

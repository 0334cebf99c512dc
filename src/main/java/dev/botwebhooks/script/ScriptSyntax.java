package dev.botwebhooks.script;

import org.mozilla.javascript.CompilerEnvirons;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Parser;

import java.util.Optional;

/**
 * Whether a command's code parses, checked when it is saved rather than when a provider calls it. Parsed
 * as the engine compiles it: inside a function (so a top-level {@code return} is allowed) and at the same
 * language version; nothing runs.
 */
public final class ScriptSyntax {

    private ScriptSyntax() {
    }

    /** The syntax error of {@code code}, as a script would see it, or empty when it parses. */
    public static Optional<String> error(String code) {
        CompilerEnvirons environment = new CompilerEnvirons();
        environment.setLanguageVersion(Context.VERSION_ES6);
        try {
            // Line 0 holds the wrapper, as in the engine, so the reported line is the command's own.
            new Parser(environment).parse("(function(){\n" + code + "\n})();", "command", 0);
            return Optional.empty();
        } catch (EvaluatorException syntax) {
            return Optional.of("SyntaxError: " + syntax.details() + " (line " + syntax.lineNumber() + ")");
        }
    }
}

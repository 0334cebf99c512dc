package dev.botwebhooks.script;

import org.mozilla.javascript.NativeObject;

/**
 * A run's global object: the run's own {@code var}s, implicit globals and BJS globals ({@code content},
 * {@code Bot}, ...), in front of a locked {@link BuiltInSet} that it inherits the built-ins from. A script
 * that names {@code Object} finds the shared one; a script that assigns a global makes its own.
 */
final class RunScope extends NativeObject {

    RunScope(BuiltInSet builtIns) {
        setPrototype(builtIns.scope());
        // The set's own globalThis is the locked set; a run's is its own global.
        defineProperty("globalThis", this, DONTENUM);
    }

    @Override
    public String getClassName() {
        return "global";
    }

}

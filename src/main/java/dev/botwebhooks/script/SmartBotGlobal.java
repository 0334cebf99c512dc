package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.util.List;

/**
 * BB's runtime classes {@code SmartBot}, {@code SmartAmountDialog} and {@code SmartTasker} ({@code bjs/SmartBot.js},
 * compiled once per process), made the first time a run names one of them; the three come from one evaluation.
 */
final class SmartBotGlobal implements BjsGlobal {

    private static final List<String> CLASSES = List.of("SmartBot", "SmartAmountDialog", "SmartTasker");

    private final BjsEnvironment env;
    private Scriptable classes;

    SmartBotGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        for (String name : CLASSES) {
            env.defineLazily(name, () -> ScriptableObject.getProperty(classes(Context.getCurrentContext()), name));
        }
    }

    private Scriptable classes(Context cx) {
        if (classes == null) {
            classes = (Scriptable) BundledScripts.compiled(cx, "SmartBot").exec(cx, env.scope());
        }
        return classes;
    }
}

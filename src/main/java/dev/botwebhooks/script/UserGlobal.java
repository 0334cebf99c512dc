package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;

/** {@code User}: the current user's properties. */
final class UserGlobal implements BjsGlobal {

    private final BjsEnvironment env;

    UserGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        Scriptable api = env.newObject(cx);
        PropertyFunctions.ofCurrentUser(env).install(api);
        env.define("User", api);
    }
}

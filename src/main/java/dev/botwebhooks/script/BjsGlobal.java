package dev.botwebhooks.script;

import org.mozilla.javascript.Context;

/**
 * One global of the BJS API a command sees ({@code Bot}, {@code User}, {@code Libs.Webhooks}, ...),
 * made for one run over that run's {@link BjsEnvironment}. A new global is a class of its own,
 * registered in the list of {@link BjsRun}.
 */
interface BjsGlobal {

    /** Defines the global in the run's scope, before the command runs. */
    void install(Context cx);
}

/**
 * The Rhino sandbox that runs bot commands (BJS): the context factory that enforces the per-run
 * limits, the compiled-script cache and the BJS API objects a command sees. Each BJS global is a
 * {@link dev.botwebhooks.script.BjsGlobal} of its own, listed in {@link dev.botwebhooks.script.BjsRun};
 * what a run leaves behind is buffered in {@link dev.botwebhooks.script.RunOutput}.
 */
package dev.botwebhooks.script;

/**
 * The Rhino sandbox that runs bot commands (BJS): the context factory that enforces the per-run
 * limits, the compiled-script cache and the BJS API objects a command sees.
 */
package dev.botwebhooks.script;

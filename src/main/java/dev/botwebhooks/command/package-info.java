/** Commands: a bot's named BJS scripts, versioned on every change. */
package dev.botwebhooks.command;

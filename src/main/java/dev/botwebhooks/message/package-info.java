/** Messages: the outbox a run's Bot.sendMessage calls go to, and the bot's chat log. */
package dev.botwebhooks.message;

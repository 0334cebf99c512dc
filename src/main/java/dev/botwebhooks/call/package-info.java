/** The call log: every webhook call with its request, answer and full error, for the bot's owner. */
package dev.botwebhooks.call;

/** Bots: their record, API keys and webhook secrets, and the cached directory the webhook path reads. */
package dev.botwebhooks.bot;

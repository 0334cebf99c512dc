/**
 * The browser console under {@code /console}: static pages that sign in with a bot's API key or the admin token
 * and show what the admin API holds. It has no data of its own; every value comes from {@code /api/v1}.
 */
package dev.botwebhooks.console;

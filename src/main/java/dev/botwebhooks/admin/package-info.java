/** The admin API under {@code /api/v1}: bots, commands, users, URLs, and what runs left behind. */
package dev.botwebhooks.admin;

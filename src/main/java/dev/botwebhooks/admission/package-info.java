/**
 * Admission of a verified webhook call (a gate, docs/architecture.md): the client's address through the
 * trusted-proxy rules, the bot's IP allowlist, the per-address ban filter and the per-bot rate limit.
 */
package dev.botwebhooks.admission;

/** Periodic, bounded deletion of rows past their retention (call log, idempotency answers). */
package dev.botwebhooks.sweep;

/** Timers: one polling loop with one lifecycle for every worker and sweep, and retry backoff. Infrastructure. */
package dev.botwebhooks.scheduling;

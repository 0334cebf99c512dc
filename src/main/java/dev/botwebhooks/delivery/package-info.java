/**
 * Work outside the request path: the outbox delivery worker with its Telegram-Bot-API transport, and
 * the worker that executes due {@code Bot.run} jobs. Both poll PostgreSQL, claim with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas share the work and a crashed replica's claims
 * are taken over.
 */
package dev.botwebhooks.delivery;

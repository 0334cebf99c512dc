/**
 * Idempotent redelivery: a delivery id (from a header or the JSON body) is claimed in PostgreSQL
 * before the script runs, the answer is stored with the call record in the run's transaction, and
 * any later delivery with that id gets the stored answer without running the script again.
 */
package dev.botwebhooks.idempotency;

package dev.botwebhooks.idempotency;

import java.util.UUID;

/**
 * Who holds a claim: this instance ({@code host:port}, the same after a restart of the process) and this
 * process's incarnation (new at every start), so that a restarted instance can tell its earlier claims.
 */
record ClaimOwner(String name, UUID incarnation) {
}

/**
 * The Netty edge (the first step of a webhook, docs/architecture.md): request-line, header and body-read limits and the
 * timeouts that disconnect clients that trickle bytes.
 */
package dev.botwebhooks.ingress;

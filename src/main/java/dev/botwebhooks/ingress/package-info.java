/**
 * The Netty edge (DESIGN.md, flow step 1): request-line, header and body-read limits and the
 * timeouts that disconnect clients that trickle bytes.
 */
package dev.botwebhooks.ingress;

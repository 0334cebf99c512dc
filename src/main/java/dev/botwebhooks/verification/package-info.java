/**
 * Payment-provider signatures on webhook bodies (Standard Webhooks, Stripe, GitHub, a generic HMAC),
 * checked per bot on the raw body bytes after our URL signature and before the script runs.
 */
package dev.botwebhooks.verification;

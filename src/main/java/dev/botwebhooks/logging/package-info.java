/** Logging that stays readable under repeated failures (one line per cause per interval). Infrastructure. */
package dev.botwebhooks.logging;

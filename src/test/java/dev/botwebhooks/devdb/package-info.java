/** Dev and test support: a real, embedded PostgreSQL when none is configured. */
package dev.botwebhooks.devdb;

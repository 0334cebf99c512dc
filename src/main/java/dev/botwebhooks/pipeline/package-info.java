/** The bounded worker pool that scripts run on; the only threads that may wait on the database. */
package dev.botwebhooks.pipeline;

/** Short-lived read-through caches of what the webhook path reads on every call. */
package dev.botwebhooks.cache;

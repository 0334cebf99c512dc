/** Configuration: the {@code webhooks.*} properties record and the core beans. */
package dev.botwebhooks.config;

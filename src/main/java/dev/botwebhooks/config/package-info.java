/** Beans shared by every feature (the clock). Each feature binds its own {@code webhooks.*} properties record. Infrastructure. */
package dev.botwebhooks.config;

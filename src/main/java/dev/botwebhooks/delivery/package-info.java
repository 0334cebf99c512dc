/** The outbox worker: sends stored chat messages in order through a Telegram-Bot-API transport. Application layer. */
package dev.botwebhooks.delivery;

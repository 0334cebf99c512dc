/**
 * BB's Lists: named collections of a bot's (or a user's) properties and users, kept in PostgreSQL and read page by
 * page, so a bot need not keep a large array in one JSON property.
 */
package dev.botwebhooks.list;

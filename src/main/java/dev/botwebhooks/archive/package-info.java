/**
 * Moving a Bots.Business bot in and out as one archive: BB's Git export layout (a {@code commands/} folder of
 * files with {@code /*CMD ... CMD*}{@code /} headers, {@code bot.json}, {@code libs/}), read from a zip or
 * tar.gz with bounds against hostile archives, imported in one transaction, exported back unchanged.
 */
package dev.botwebhooks.archive;

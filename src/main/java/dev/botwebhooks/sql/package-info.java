/** SQL helpers shared by the repositories (multi-row statements). Infrastructure. */
package dev.botwebhooks.sql;

/** The replicas of one deployment: heartbeats in PostgreSQL and how many are alive now. */
package dev.botwebhooks.cluster;

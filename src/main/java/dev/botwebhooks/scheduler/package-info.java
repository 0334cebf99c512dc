/** The worker that executes due Bot.run jobs through the run package, once each across replicas. Application layer. */
package dev.botwebhooks.scheduler;

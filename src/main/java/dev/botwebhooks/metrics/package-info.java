/** Counters shared across features (webhook.rejections by reason); each feature registers its own meters. Infrastructure. */
package dev.botwebhooks.metrics;

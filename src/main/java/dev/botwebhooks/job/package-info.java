/** Bot.run jobs: what a run asks for (JobRequest, JobCancellation), stored in PostgreSQL and claimed with SKIP LOCKED by the scheduler. Data layer. */
package dev.botwebhooks.job;

/** Running a command: load, run on a worker, commit the call record and effects in one transaction, answer. */
package dev.botwebhooks.run;

/**
 * BB's broadcasts ({@code Bot.runAll}): run-all tasks, stored with the run that asks for one, handed out in batches
 * as {@code Bot.run} jobs by the scheduler, and read back by BJS {@code new RunAllTask({id})}. Data layer.
 */
package dev.botwebhooks.broadcast;

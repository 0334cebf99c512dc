package dev.botwebhooks.run;

import dev.botwebhooks.script.ScriptOutcome;

/** How a test run ended ({@link CommandRunner#testRun}): what the run would answer and commit; nothing was written. */
public sealed interface TestRunResult {

    /** The script ran; {@code outcome.effects()} are what it would commit ({@code NONE} when it failed). */
    record Ran(Answer answer, ScriptOutcome outcome) implements TestRunResult {
    }

    /** The command or the user does not exist: a webhook would be answered {@code answer}. */
    record Refused(Answer answer, String reason) implements TestRunResult {
    }

    /** The script workers (or the bot's share of them) were full. */
    record Overloaded() implements TestRunResult {
    }

    /** The run could not be loaded or run (the database could not be reached). */
    record Unavailable(String reason) implements TestRunResult {
    }
}

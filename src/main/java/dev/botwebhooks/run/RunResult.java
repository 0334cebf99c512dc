package dev.botwebhooks.run;

import dev.botwebhooks.script.ScriptFailure;

/**
 * How a run ended, as a value: the webhook endpoint, the job worker, idempotency and the replay API
 * each act on it without catching exceptions.
 */
public sealed interface RunResult {

    /** The run reached the call log: its call record committed, with the script's effects when it succeeded. */
    sealed interface Logged extends RunResult {

        long callId();

        /** The answer stored with the call record (and sent to a webhook's caller). */
        Answer answer();
    }

    /** The script ran to its end; its effects committed. */
    record Succeeded(long callId, Answer answer) implements Logged {
    }

    /** The script threw or broke a limit; only the call record committed. */
    record ScriptFailed(long callId, Answer answer, ScriptFailure failure) implements Logged {
    }

    /** The command or the user does not exist; only the call record committed. */
    record Refused(long callId, Answer answer, String reason) implements Logged {
    }

    /** The script workers (or the bot's share of them) were full: nothing ran, nothing was logged. */
    record Overloaded() implements RunResult {
    }

    /**
     * The database could not be reached (or the commit failed): nothing of the run committed.
     *
     * @param reason what failed, for logs and a job's row
     * @param cause  the error, null when the script's own reads failed (its run ended the outcome)
     */
    record Unavailable(String reason, Throwable cause) implements RunResult {
    }
}

package dev.botwebhooks.run;

import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;

/**
 * The answer a run stores with its call record, in the shape of whoever called it. The webhook
 * endpoint implements it (the documented webhook answers); the run package only asks.
 */
public interface AnswerFormat {

    Answer succeeded(ScriptOutcome outcome, String redirectTo);

    /** @param callId the call it was logged as; null for a test run, which is not logged */
    Answer scriptFailed(ScriptFailure failure, Long callId);

    /** An unknown command or user; {@code callId} as in {@link #scriptFailed}. */
    Answer refused(String reason, Long callId);
}

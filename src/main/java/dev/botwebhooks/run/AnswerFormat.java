package dev.botwebhooks.run;

import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;

/**
 * The answer a run stores with its call record, in the shape of whoever called it. The webhook
 * endpoint implements it (the documented webhook answers); the run package only asks.
 */
public interface AnswerFormat {

    Answer succeeded(ScriptOutcome outcome, String redirectTo);

    Answer scriptFailed(ScriptFailure failure, long callId);

    /** An unknown command or user. */
    Answer refused(String reason, long callId);
}

package dev.botwebhooks.script;

import java.time.Duration;

/**
 * The result of one run, as a value: the HTTP layer maps it to an answer.
 *
 * @param answer         the last message's text, null when the run sent none
 * @param customResponse what WebApp.render chose, null when it was not called
 * @param effects        buffered writes; {@link Effects#NONE} when the run failed
 * @param failure        null when the run succeeded
 * @param cpuTime        CPU time the run used
 */
public record ScriptOutcome(String answer, CustomResponse customResponse, Effects effects, ScriptFailure failure,
        Duration cpuTime) {

    public boolean succeeded() {
        return failure == null;
    }
}

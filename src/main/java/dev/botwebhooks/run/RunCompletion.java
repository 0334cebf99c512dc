package dev.botwebhooks.run;

/**
 * How a run that reached the call log ended.
 *
 * @param callId    its call record
 * @param errorKind null when the script ran without error; else a {@code ScriptFailure.Kind} name, or
 *                  {@code REFUSED} when the command or user does not exist
 * @param error     the full error, for the call log
 * @param answer    the answer stored with the call record
 */
public record RunCompletion(long callId, String errorKind, String error, Answer answer) {

    public boolean succeeded() {
        return errorKind == null;
    }
}

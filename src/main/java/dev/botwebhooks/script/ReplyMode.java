package dev.botwebhooks.script;

/** What a run does about BB's "Wait for answer" ({@code need_reply}, see {@code WaitingReplies}). */
public enum ReplyMode {
    /** Runs the command's code. */
    NONE,
    /** The command waits for the user's reply: its answer is sent and the wait stored; its code does not run yet. */
    ASK,
    /** Runs the code, and the user's wait is over: the user called another command. */
    END_WAIT,
    /** Runs the code with the user's reply: the answer was the question, sent before; the wait is over. */
    REPLY
}

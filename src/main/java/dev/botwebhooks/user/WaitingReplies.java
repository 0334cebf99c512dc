package dev.botwebhooks.user;

/**
 * BB's "Wait for answer" ({@code need_reply}): a command with it sends its question and waits; the user's next text
 * that calls no command runs its code, with that text as {@code message}. The wait is the user's property named
 * {@link #PROPERTY} ({@code {command, options}}), so it commits with the run that asks; a user is read with it
 * (migration V21 makes every replica forget a user whose wait changed).
 */
public final class WaitingReplies {

    public static final String PROPERTY = "BB_waitingReply";

    private WaitingReplies() {
    }
}

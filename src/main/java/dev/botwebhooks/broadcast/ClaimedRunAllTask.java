package dev.botwebhooks.broadcast;

/**
 * An unfinished task the run-all worker holds locked (its transaction's {@code FOR UPDATE}) while it hands out a batch.
 *
 * @param lastUserId   the last user handed out (the keyset cursor); null before the first batch
 * @param curPosition  the chats gone through so far
 * @param handedOutAll every user was handed out: what is left is to finish the task once its jobs ended
 */
public record ClaimedRunAllTask(long id, long botId, Long lastUserId, long curPosition, boolean handedOutAll) {
}

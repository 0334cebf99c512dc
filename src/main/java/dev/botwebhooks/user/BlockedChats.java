package dev.botwebhooks.user;

/**
 * Chats a bot blocked with {@code Bot.blockChat(chat_id)}. A block is a bot property named {@code BB_blockedChat_<chat
 * id>}, so it commits (or not) with the run that set it, like any of the run's writes, and needs no table of its own.
 * A user is read with whether its chat is blocked (one index probe, on a cache miss only), so runs pay nothing for
 * the check; a change to such a property makes every replica forget the bot's users (migration V18).
 */
public final class BlockedChats {

    public static final String PROPERTY_PREFIX = "BB_blockedChat_";

    private BlockedChats() {
    }

    public static String propertyName(String chatId) {
        return PROPERTY_PREFIX + chatId;
    }
}

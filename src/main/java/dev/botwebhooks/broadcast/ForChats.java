package dev.botwebhooks.broadcast;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * BB's {@code for_chats} of {@code Bot.runAll}. Every user of a bot here is one private chat (the service keeps
 * users, not Telegram chats), so {@code all} and {@code private-chats} reach every user and the group kinds none.
 */
public enum ForChats {
    ALL("all", true),
    PRIVATE_CHATS("private-chats", true),
    GROUP_CHATS("group-chats", false),
    SUPER_GROUP_CHATS("super-group-chats", false);

    private final String wireName;
    private final boolean reachesUsers;

    ForChats(String wireName, boolean reachesUsers) {
        this.wireName = wireName;
        this.reachesUsers = reachesUsers;
    }

    /** BB's name, also the {@code for_chats} column's value. */
    public String wireName() {
        return wireName;
    }

    /** Whether the task goes to the bot's users; one that does not has no chat to go to and finishes at once. */
    public boolean reachesUsers() {
        return reachesUsers;
    }

    public static Optional<ForChats> fromWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ForChats::wireName).toList();
    }
}

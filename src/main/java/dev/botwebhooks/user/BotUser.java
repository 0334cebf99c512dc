package dev.botwebhooks.user;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user of a bot. {@code data} holds the profile fields (first_name, username, telegramid, ...)
 * as the bot's platform gave them.
 *
 * @param chatBlocked  whether the bot blocked the user's chat ({@code Bot.blockChat}, see {@link BlockedChats})
 * @param waitingReply the command waiting for the user's reply, {@code {command, options}} ({@link WaitingReplies});
 *                     null when none
 */
public record BotUser(long botId, long id, ObjectNode data, boolean chatBlocked, JsonNode waitingReply) {

    public BotUser(long botId, long id, ObjectNode data) {
        this(botId, id, data, false, null);
    }

    /** Messages to a user go to chat {@code telegramid}, else to the user id. */
    public String chatId() {
        JsonNode telegramId = data.get("telegramid");
        if (telegramId != null && !telegramId.isNull() && !telegramId.asString().isBlank()) {
            return telegramId.asString();
        }
        return Long.toString(id);
    }

    /** The BJS {@code user} object: the profile plus its id. */
    public ObjectNode asScriptUser() {
        ObjectNode user = data.deepCopy();
        user.put("id", id);
        return user;
    }
}

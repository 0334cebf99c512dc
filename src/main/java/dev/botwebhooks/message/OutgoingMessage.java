package dev.botwebhooks.message;

import tools.jackson.databind.JsonNode;

/**
 * A chat API call a run makes (a message to a user's chat, or any Telegram Bot API method through {@code Api});
 * stored in the outbox with the run's commit and sent in order per chat.
 *
 * @param chatId   the chat it goes to; {@code ""} for a method that names none (getMe, ...)
 * @param text     the message's text, shown in the chat log ({@code ""} for a method without one)
 * @param options  the method's other parameters (parse_mode, reply_markup, photo, ...) as a JSON object, never null
 * @param method   the Telegram Bot API method, {@code sendMessage} for Bot.sendMessage
 * @param onResult the command run with the API's answer as {@code options} when it succeeds; null for none
 * @param onError  the command run with the API's answer when it refuses the call for good; null for none
 */
public record OutgoingMessage(Long userId, String chatId, String text, JsonNode options, String method,
        String onResult, String onError) {

    public static final String SEND_MESSAGE = "sendMessage";
    /**
     * The field of {@code options} naming the property the chat API's answer is saved in when the call is sent
     * ({@code {user_id, name, value: "message_id" | "result"}}; BB's result_to_bot/user_property); never sent itself.
     */
    public static final String RESULT_PROPERTY = "bb_result_to";

    public OutgoingMessage(Long userId, String chatId, String text, JsonNode options) {
        this(userId, chatId, text, options, SEND_MESSAGE, null, null);
    }
}

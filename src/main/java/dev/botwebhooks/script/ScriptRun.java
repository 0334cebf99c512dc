package dev.botwebhooks.script;

import dev.botwebhooks.command.CommandSettings;
import tools.jackson.databind.JsonNode;

/**
 * Everything one command run sees.
 *
 * @param message  the command string as called, e.g. {@code "/onPay 42"}
 * @param params   the text after the command's first word ({@code ""} when none)
 * @param content  the webhook content (raw POST body or the URL's content), may be null
 * @param options  the {@code options} object ({url, method, params, headers, ip} for a webhook), may be null
 * @param user     the current user's record as JSON, null on a global webhook
 * @param chat     the current chat as JSON ({chatid, chat_type}), null when there is no chat
 * @param userId   the current user's id, null on a global webhook
 * @param chatId   where the current user's messages go, null when there is no chat
 * @param before   the bot's {@code @} command, run first in the same scope; null when it has none
 * @param after    the bot's {@code @@} command, run last in the same scope when the command succeeded; null for none
 * @param answer   the command's {@code answer}, sent before its code runs; null for none
 * @param completedCommands BB's {@code completed_commands_count}: 0 for a run a webhook started, 1 for one the bot
 *                          started ({@code Bot.run}, a callback); BB's guard {@code if (completed_commands_count == 0)}
 *                          lets only the bot itself run a command
 * @param settings the command's BB settings, for BJS {@code command} ({@code command.folder}, ...)
 * @param reply    whether the command waits for the user's reply, or this run ends the user's wait
 * @param runAllRecipient whether a {@code Bot.runAll} task started the run for its chat: as on BB, it may not use
 *                        {@code Bot.run}, {@code Bot.runCommand}, {@code HTTP} or {@code Bot.runAll}
 */
public record ScriptRun(
        ScriptSource source,
        String botName,
        String message,
        String params,
        String content,
        JsonNode options,
        JsonNode user,
        JsonNode chat,
        Long userId,
        String chatId,
        ScriptSource before,
        ScriptSource after,
        CommandAnswer answer,
        int completedCommands,
        CommandSettings settings,
        ReplyMode reply,
        boolean runAllRecipient) {

    /** A run no {@code Bot.runAll} task started. */
    public ScriptRun(ScriptSource source, String botName, String message, String params, String content,
            JsonNode options, JsonNode user, JsonNode chat, Long userId, String chatId, ScriptSource before,
            ScriptSource after, CommandAnswer answer, int completedCommands, CommandSettings settings, ReplyMode reply) {
        this(source, botName, message, params, content, options, user, chat, userId, chatId, before, after, answer,
                completedCommands, settings, reply, false);
    }

    /** A run a webhook started. */
    public ScriptRun(ScriptSource source, String botName, String message, String params, String content,
            JsonNode options, JsonNode user, JsonNode chat, Long userId, String chatId, ScriptSource before,
            ScriptSource after, CommandAnswer answer) {
        this(source, botName, message, params, content, options, user, chat, userId, chatId, before, after, answer, 0,
                CommandSettings.NONE, ReplyMode.NONE);
    }

    /** A run of a command alone: no {@code @}/{@code @@} around it, no answer field. */
    public ScriptRun(ScriptSource source, String botName, String message, String params, String content,
            JsonNode options, JsonNode user, JsonNode chat, Long userId, String chatId) {
        this(source, botName, message, params, content, options, user, chat, userId, chatId, null, null, null);
    }
}

package dev.botwebhooks.script;

import dev.botwebhooks.command.CommandSettings;
import dev.botwebhooks.message.OutgoingMessage;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A command's {@code answer} field: Bots.Business sends it to the user's chat before the code runs, with the
 * command's {@code keyboard} as a reply keyboard. It is also the webhook's answer unless the code sends another.
 *
 * @param keyboard BB's keyboard text: rows on separate lines, buttons separated by commas; null for none
 */
public record CommandAnswer(String text, String keyboard) {

    /** The answer of a command's settings, null when it has none (a keyboard alone has no text to go with). */
    public static CommandAnswer of(CommandSettings settings) {
        return settings.answer() == null ? null : new CommandAnswer(settings.answer(), settings.keyboard());
    }

    /**
     * Sends it as BB does, before a command's code: a message to the run's chat, and the run's answer so far; its
     * {@code <Property>} placeholders filled ({@link Placeholders}).
     */
    void send(BjsEnvironment env) {
        String filled = Placeholders.fill(env, text);
        env.output().countMessage();
        ScriptRun run = env.run();
        if (run.chatId() != null) {
            env.output().addMessage(new OutgoingMessage(run.userId(), run.chatId(), filled, options()));
        }
        env.output().answer(filled);
    }

    /** Telegram's sendMessage options for it: Markdown, as BB formats an answer, and the keyboard if any. */
    ObjectNode options() {
        ObjectNode options = MessageFormat.asBotSendsIt(JsonNodeFactory.instance.objectNode());
        ObjectNode keyboard = this.keyboard == null ? null : Keyboards.reply(this.keyboard);
        if (keyboard != null) {
            options.set("reply_markup", keyboard);
        }
        return options;
    }
}

package dev.botwebhooks.script;

import dev.botwebhooks.command.CommandSettings;
import tools.jackson.databind.node.ArrayNode;
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

    /** Telegram's sendMessage options for it: a {@code reply_markup} with the keyboard, or nothing. */
    ObjectNode options() {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        if (keyboard == null) {
            return options;
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (String line : keyboard.split("\\r?\\n")) {
            ArrayNode row = JsonNodeFactory.instance.arrayNode();
            for (String button : line.split(",")) {
                if (!button.isBlank()) {
                    row.add(button.strip());
                }
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
        }
        if (!rows.isEmpty()) {
            ObjectNode markup = options.putObject("reply_markup");
            markup.set("keyboard", rows);
            markup.put("resize_keyboard", true);
        }
        return options;
    }
}

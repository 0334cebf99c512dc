package dev.botwebhooks.script;

import tools.jackson.databind.node.ObjectNode;

/**
 * BB sends a bot's messages as Markdown unless told otherwise: its help writes {@code Bot.sendMessage("Literal
 * *characters*", {parse_mode: null})} for plain text. So {@code parse_mode} is {@code Markdown} when the options do
 * not name one, and a {@code null} one sends plain text. {@code Api.*} calls are Telegram's own and get no default.
 */
final class MessageFormat {

    static final String DEFAULT_PARSE_MODE = "Markdown";

    private MessageFormat() {
    }

    /** The options with BB's parse mode; changed in place and returned. */
    static ObjectNode asBotSendsIt(ObjectNode options) {
        if (!options.has("parse_mode")) {
            options.put("parse_mode", DEFAULT_PARSE_MODE);
        } else if (options.get("parse_mode").isNull()) {
            options.remove("parse_mode");
        }
        return options;
    }
}

package dev.botwebhooks.script;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Telegram's reply_markup for Bots.Business's keyboards. */
final class Keyboards {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Keyboards() {
    }

    /**
     * A reply keyboard from BB's text form: rows on separate lines, buttons separated by commas
     * ({@code "Orders, About\nHelp"}); null when it holds no button.
     */
    static ObjectNode reply(String buttons) {
        ArrayNode rows = NODES.arrayNode();
        for (String line : buttons.split("\\r?\\n")) {
            ArrayNode row = NODES.arrayNode();
            for (String button : line.split(",")) {
                if (!button.isBlank()) {
                    row.add(button.strip());
                }
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        ObjectNode markup = NODES.objectNode();
        markup.set("keyboard", rows);
        markup.put("resize_keyboard", true);
        return markup;
    }

    /**
     * An inline keyboard from BB's buttons: {@code [{title, command}, {title, url}]} is one row,
     * {@code [[...], [...]]} one row per inner list. A button's {@code command} comes back as its callback data.
     *
     * @throws IllegalArgumentException with a message for the script author when a button is not one
     */
    static ObjectNode inline(JsonNode buttons) {
        if (!buttons.isArray() || buttons.isEmpty()) {
            throw new IllegalArgumentException("buttons must be a list of {title, command} or {title, url}");
        }
        ArrayNode rows = NODES.arrayNode();
        if (buttons.get(0).isArray()) {
            for (JsonNode row : buttons) {
                rows.add(row(row));
            }
        } else {
            rows.add(row(buttons));
        }
        ObjectNode markup = NODES.objectNode();
        markup.set("inline_keyboard", rows);
        return markup;
    }

    private static ArrayNode row(JsonNode buttons) {
        if (!buttons.isArray()) {
            throw new IllegalArgumentException("a row of buttons must be a list");
        }
        ArrayNode row = NODES.arrayNode();
        for (JsonNode button : buttons) {
            String title = button.path("title").asString(button.path("text").asString(""));
            if (title.isEmpty()) {
                throw new IllegalArgumentException("a button needs a title");
            }
            ObjectNode inline = row.addObject().put("text", title);
            if (button.hasNonNull("url")) {
                inline.put("url", button.get("url").asString());
            } else if (button.hasNonNull("command")) {
                inline.put("callback_data", button.get("command").asString());
            } else {
                throw new IllegalArgumentException("button " + title + " needs a command or a url");
            }
        }
        return row;
    }
}

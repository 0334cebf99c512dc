package dev.botwebhooks.command;

import io.r2dbc.postgresql.codec.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** {@link CommandSettings} as the {@code settings} column and the admin API hold them, in BB's field names. */
public final class CommandSettingsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CommandSettingsJson() {
    }

    public static ObjectNode toJson(CommandSettings settings) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode aliases = json.putArray("aliases");
        settings.aliases().forEach(aliases::add);
        json.put("answer", settings.answer());
        json.put("keyboard", settings.keyboard());
        json.put("help", settings.help());
        json.put("need_reply", settings.needReply());
        json.put("group", settings.group());
        json.put("folder", settings.folder());
        json.put("auto_retry_time", settings.autoRetryTime());
        return json;
    }

    /** Reads what {@link #toJson} wrote; absent or null fields are empty. */
    public static CommandSettings fromJson(JsonNode json) {
        List<String> aliases = new ArrayList<>();
        JsonNode list = json.path("aliases");
        if (list.isArray()) {
            list.forEach(alias -> aliases.add(alias.asString()));
        }
        return new CommandSettings(aliases, text(json, "answer"), text(json, "keyboard"), text(json, "help"),
                json.path("need_reply").asBoolean(false), text(json, "group"), text(json, "folder"),
                text(json, "auto_retry_time"));
    }

    public static CommandSettings parse(String column) {
        return column == null || column.isEmpty() ? CommandSettings.NONE : fromJson(JSON.readTree(column));
    }

    /** The {@code aliases} array of a settings column, empty when it has none. */
    static List<String> parseAliases(Json aliases) {
        if (aliases == null) {
            return List.of();
        }
        return fromJson(JSON.createObjectNode().set("aliases", JSON.readTree(aliases.asString()))).aliases();
    }

    public static String write(CommandSettings settings) {
        return JSON.writeValueAsString(toJson(settings));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}

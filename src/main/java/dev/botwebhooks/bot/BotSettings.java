package dev.botwebhooks.bot;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bot's settings: the JSON object the admin API stores, and each feature's typed part of it, parsed
 * once per loaded bot (bots are cached, so a webhook does not parse settings again).
 */
public final class BotSettings {

    public static final BotSettings NONE = new BotSettings(JsonNodeFactory.instance.objectNode());

    private final JsonNode json;
    private final Map<BotSetting<?>, BotSetting.Parsed<?>> parsed = new ConcurrentHashMap<>();

    public BotSettings(JsonNode json) {
        this.json = json == null || !json.isObject() ? JsonNodeFactory.instance.objectNode() : json;
    }

    /** The stored JSON, for the admin API; features read {@link #get} instead. */
    public JsonNode json() {
        return json.deepCopy();
    }

    @SuppressWarnings("unchecked")
    public <T> BotSetting.Parsed<T> get(BotSetting<T> setting) {
        return (BotSetting.Parsed<T>) parsed.computeIfAbsent(setting, key -> key.parse(json));
    }
}

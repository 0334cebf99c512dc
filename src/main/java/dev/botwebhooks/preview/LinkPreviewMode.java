package dev.botwebhooks.preview;

import dev.botwebhooks.bot.BotSetting;
import tools.jackson.databind.JsonNode;

/** The {@code link_previews} bot setting: whether a preview fetch gets a page ({@code "answer"}) or runs the command. */
public enum LinkPreviewMode {
    /** The default: a preview never runs anything. */
    ANSWER,
    /** For bots whose every GET must run, whoever sends it. */
    RUN;

    public static final BotSetting<LinkPreviewMode> SETTING = new BotSetting<>("link_previews", LinkPreviewMode::parse);

    public static LinkPreviewMode parse(JsonNode setting) {
        if (setting != null && setting.isString()) {
            switch (setting.asString()) {
                case "answer" -> {
                    return ANSWER;
                }
                case "run" -> {
                    return RUN;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("link_previews must be \"answer\" (previews get a page, the default) or \"run\"");
    }
}

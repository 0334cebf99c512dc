package dev.botwebhooks.call;

import java.util.Locale;

/**
 * What started a call: a webhook request, a job scheduled with {@code Bot.run}, or a link preview (a
 * webhook URL fetched by a chat app to show a preview: logged, the command not run).
 */
public enum CallOrigin {
    WEBHOOK,
    BOT_RUN,
    LINK_PREVIEW;

    /** The value of the {@code origin} column and of the API field. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CallOrigin fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

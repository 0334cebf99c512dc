package dev.botwebhooks.call;

import java.util.Locale;

/** What started a call: a webhook request, or a job scheduled with {@code Bot.run}. */
public enum CallOrigin {
    WEBHOOK,
    BOT_RUN;

    /** The value of the {@code origin} column and of the API field. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CallOrigin fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

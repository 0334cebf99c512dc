package dev.botwebhooks.url;

import java.util.Set;

/** The query parameters with a meaning of their own; every other parameter reaches the script in options.params. */
public final class WebhookParameters {

    public static final String COMMAND = "command";
    public static final String USER_ID = "user_id";
    public static final String CONTENT = "content";
    public static final String REDIRECT_TO = "redirect_to";
    public static final String EXP = "exp";
    public static final String SIG = "sig";
    /** The options a WebApp URL's command sees (JSON, signed). */
    public static final String OPTIONS = "options";

    public static final Set<String> RESERVED = Set.of(COMMAND, USER_ID, CONTENT, REDIRECT_TO, EXP, SIG, OPTIONS);

    public static final String PATH = "/v1/bots/{botId}/new-webhook";

    private WebhookParameters() {
    }
}

package dev.botwebhooks.script;

import java.util.regex.Pattern;

/**
 * Why a run failed. {@code publicMessage} may be shown to the webhook caller (no stack trace,
 * no Java internals); {@code detail} is the full error for the bot owner's call log.
 */
public record ScriptFailure(Kind kind, String publicMessage, String detail) {

    /** Rhino names its objects' Java classes in a few messages ("Cyclic org.mozilla.javascript.NativeArray value"). */
    private static final Pattern RHINO_CLASS = Pattern.compile("org\\.mozilla\\.javascript\\.(?:\\w+\\.)*(?:Native|Interpreted)?(\\w+)");

    /** Errors speak JavaScript: a Java class name becomes the JavaScript type it stands for. */
    public ScriptFailure {
        publicMessage = javaScriptNames(publicMessage);
        detail = javaScriptNames(detail);
    }

    static String javaScriptNames(String text) {
        return text == null || !text.contains("org.mozilla.javascript.") ? text : RHINO_CLASS.matcher(text).replaceAll("$1");
    }

    public enum Kind {
        /** The script threw, or a BJS function rejected its arguments. */
        SCRIPT_ERROR,
        CPU_TIME_LIMIT,
        WALL_TIME_LIMIT,
        MEMORY_LIMIT,
        STACK_LIMIT,
        OUTPUT_LIMIT,
        /** A property read failed because the database could not be reached. */
        INFRASTRUCTURE
    }
}

package dev.botwebhooks.script;

/**
 * Why a run failed. {@code publicMessage} may be shown to the webhook caller (no stack trace,
 * no Java internals); {@code detail} is the full error for the bot owner's call log.
 */
public record ScriptFailure(Kind kind, String publicMessage, String detail) {

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

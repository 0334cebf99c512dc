package dev.botwebhooks.command;

/** The command names Bots.Business gives a meaning of their own. */
public final class SpecialCommands {

    /** Runs before every command, in the same run: what it defines, the command sees. */
    public static final String BEFORE_ALL = "@";
    /** Runs after every command that finished without an error, in the same run. */
    public static final String AFTER_ALL = "@@";
    /** Runs when no command matches a text (BB's master command). */
    public static final String MASTER = "*";
    /** Runs for the user when one of the user's commands failed (BB's error command). */
    public static final String ERROR = "!";

    private SpecialCommands() {
    }

    /** {@code @} and {@code @@}: never called by a text, only around another command. */
    public static boolean runsAround(String name) {
        return BEFORE_ALL.equals(name) || AFTER_ALL.equals(name);
    }
}

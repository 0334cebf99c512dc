package dev.botwebhooks.command;

import java.util.List;

/**
 * What Bots.Business keeps beside a command's code (the fields of its {@code /*CMD ... CMD*}{@code /} header).
 *
 * @param aliases  other texts that call the command, e.g. {@code "/hello"}, {@code "👛 My wallet"}
 * @param answer   text sent to the user's chat before the code runs, null for none
 * @param keyboard the reply keyboard sent with {@code answer}: rows split by new lines, buttons by commas; null for none
 * @param help     the command's description, kept for export
 * @param needReply BB waits for the user's next message before running the code; a webhook has no next
 *                 message, so it is kept for export only
 * @param group    BB's user group allowed to call it ({@code User.addToGroup}); others' calls are refused
 * @param folder   BB's folder in its editor, kept for export
 * @param autoRetryTime BB's repeat interval in seconds as written, kept for export
 */
public record CommandSettings(List<String> aliases, String answer, String keyboard, String help, boolean needReply,
        String group, String folder, String autoRetryTime) {

    public static final CommandSettings NONE = new CommandSettings(List.of(), null, null, null, false, null, null, null);

    public CommandSettings {
        aliases = List.copyOf(aliases);
        answer = blankToNull(answer);
        keyboard = blankToNull(keyboard);
        help = blankToNull(help);
        group = blankToNull(group);
        folder = blankToNull(folder);
        autoRetryTime = blankToNull(autoRetryTime);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

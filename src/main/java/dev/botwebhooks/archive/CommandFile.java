package dev.botwebhooks.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command file of BB's layout: {@code /*CMD} header lines ({@code command: /start}, {@code aliases: ...},
 * {@code <<ANSWER} ... {@code ANSWER} blocks) up to {@code CMD*}{@code /}, then the code. The header is kept
 * as written, so an export gives the file back byte for byte.
 *
 * @param header everything before the code: the header and the line breaks after it
 */
record CommandFile(String path, String name, String header, String code) {

    private static final String OPEN = "/*CMD";
    private static final String CLOSE = "CMD*/";
    private static final Pattern AFTER_CLOSE = Pattern.compile("\\G(\\r?\\n)*");

    /** The file's command; an {@link IllegalArgumentException} says why it is not one. */
    static CommandFile parse(String path, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (!body.stripLeading().startsWith(OPEN)) {
            throw new IllegalArgumentException("no /*CMD ... CMD*/ header naming the command");
        }
        int close = text.indexOf(CLOSE);
        if (close < 0) {
            throw new IllegalArgumentException("the /*CMD header is not closed with CMD*/");
        }
        Matcher breaks = AFTER_CLOSE.matcher(text);
        breaks.find(close + CLOSE.length());
        int codeStart = breaks.end();
        String name = commandName(text.substring(text.indexOf(OPEN) + OPEN.length(), close));
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the header names no command (command: ...)");
        }
        return new CommandFile(path, name, text.substring(0, codeStart), text.substring(codeStart));
    }

    /** The {@code command:} line's value, skipping {@code <<NAME} ... {@code NAME} blocks, whose text is free. */
    private static String commandName(String headerLines) {
        String blockEnd = null;
        for (String line : headerLines.split("\\r?\\n")) {
            String trimmed = line.strip();
            if (blockEnd != null) {
                if (trimmed.equals(blockEnd)) {
                    blockEnd = null;
                }
            } else if (trimmed.startsWith("<<")) {
                blockEnd = trimmed.substring(2).strip();
            } else if (trimmed.startsWith("command:")) {
                return trimmed.substring("command:".length()).strip();
            }
        }
        return null;
    }

    /** The header BB writes for a command, for one created here rather than imported. */
    static String defaultHeader(String name) {
        return OPEN + "\n  command: " + name + "\n  help: \n  need_reply: false\n  auto_retry_time: \n  folder: \n\n"
                + "  <<ANSWER\n\n  ANSWER\n\n  <<KEYBOARD\n\n  KEYBOARD\n  aliases: \n  group: \n" + CLOSE + "\n\n";
    }

    /** BB names a command's file after the command, with {@code /} (and what a file name cannot hold) as {@code _}. */
    static String defaultPath(String name) {
        return "commands/" + name.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_") + ".js";
    }
}

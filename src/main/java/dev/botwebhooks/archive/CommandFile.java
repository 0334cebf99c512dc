package dev.botwebhooks.archive;

import dev.botwebhooks.command.CommandHeader;
import dev.botwebhooks.command.CommandSettings;

/**
 * A command file of BB's layout: a {@link CommandHeader} up to {@code CMD*}{@code /}, then the code. The header is
 * kept as written, so an export gives the file back byte for byte.
 *
 * @param header   everything before the code: the header and the line breaks after it
 * @param settings the header's fields
 * @param runnable what the engine runs when the code is not runnable as written (transpiled), else null
 */
record CommandFile(String path, String name, String header, String code, CommandSettings settings, String runnable) {

    CommandFile runnable(String transpiled) {
        return new CommandFile(path, name, header, code, settings, transpiled);
    }

    /** The file's command; an {@link IllegalArgumentException} says why it is not one. */
    static CommandFile parse(String path, String text) {
        if (!CommandHeader.startsWithOne(text)) {
            throw new IllegalArgumentException("no /*CMD ... CMD*/ header naming the command");
        }
        CommandHeader header = CommandHeader.split(text);
        if (header.name() == null) {
            throw new IllegalArgumentException("the header names no command (command: ...)");
        }
        return new CommandFile(path, header.name(), header.text(), header.code(), header.settings(), null);
    }

    /** BB names a command's file after the command, with {@code /} (and what a file name cannot hold) as {@code _}. */
    static String defaultPath(String name) {
        return "commands/" + name.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_") + ".js";
    }
}

package dev.botwebhooks.archive;

import dev.botwebhooks.script.ModernSyntax;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An archive's files sorted into BB's layout: command files under {@code commands/} (checked: a header, a
 * name this service takes, code that parses, no name twice) and the rest, kept as they are. An archive made
 * of one top folder (as GitHub's "Download ZIP" makes) is read from inside it.
 */
record BotLayout(List<CommandFile> commands, List<ArchiveFile> kept, List<ImportReport.Skipped> skipped) {

    static final int MAX_NAME_CHARS = 200;
    static final int MAX_CODE_CHARS = 256 * 1024;

    static BotLayout of(List<ArchiveFile> files, ModernSyntax syntax) {
        List<ArchiveFile> inside = withoutTopFolder(files);
        List<CommandFile> commands = new ArrayList<>();
        List<ArchiveFile> kept = new ArrayList<>();
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        Map<String, String> pathOfName = new HashMap<>();
        for (ArchiveFile file : inside) {
            if (!file.path().startsWith("commands/") || !file.path().endsWith(".js")) {
                kept.add(file);
                continue;
            }
            try {
                CommandFile command = checked(CommandFile.parse(file.path(), utf8(file.content())), syntax);
                String earlier = pathOfName.putIfAbsent(command.name(), file.path());
                if (earlier != null) {
                    throw new IllegalArgumentException("command " + command.name() + " is also in " + earlier);
                }
                commands.add(command);
            } catch (IllegalArgumentException notImported) {
                skipped.add(new ImportReport.Skipped(file.path(), notImported.getMessage()));
            }
        }
        return new BotLayout(commands, kept, skipped);
    }

    /** The rules of the admin API's command endpoint: bounds, and code that parses (transpiled when it must be). */
    private static CommandFile checked(CommandFile command, ModernSyntax syntax) {
        String name = command.name();
        if (name.length() > MAX_NAME_CHARS || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the command name is over " + MAX_NAME_CHARS + " characters or holds NUL");
        }
        if (command.code().length() > MAX_CODE_CHARS || command.code().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the code is over " + MAX_CODE_CHARS + " characters or holds NUL");
        }
        ModernSyntax.Checked checked = syntax.check(command.name(), command.code());
        if (checked instanceof ModernSyntax.Checked.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
        return checked instanceof ModernSyntax.Checked.Transpiled transpiled ? command.runnable(transpiled.runnable())
                : command;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException("the file is not UTF-8 text");
        }
    }

    private static List<ArchiveFile> withoutTopFolder(List<ArchiveFile> files) {
        if (files.isEmpty() || files.stream().anyMatch(f -> f.path().startsWith("commands/") || !f.path().contains("/"))) {
            return files;
        }
        String top = files.get(0).path().substring(0, files.get(0).path().indexOf('/') + 1);
        if (!files.stream().allMatch(f -> f.path().startsWith(top))) {
            return files;
        }
        return files.stream().map(f -> new ArchiveFile(f.path().substring(top.length()), f.content())).toList();
    }
}

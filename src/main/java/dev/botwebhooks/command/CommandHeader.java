package dev.botwebhooks.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /*CMD ... CMD*}{@code /} header Bots.Business writes at the top of a command's file when it exports a
 * bot to Git: {@code key: value} lines ({@code command}, {@code help}, {@code need_reply}, {@code auto_retry_time},
 * {@code folder}, {@code aliases}, {@code group}) and {@code <<ANSWER ... ANSWER} / {@code <<KEYBOARD ... KEYBOARD}
 * blocks, whose text is free.
 *
 * @param text     the header as written, up to the line breaks after {@code CMD*}{@code /} (kept for export)
 * @param name     the {@code command:} value, null when the header names none
 * @param settings the other fields
 * @param code     what follows the header
 */
public record CommandHeader(String text, String name, CommandSettings settings, String code) {

    private static final String OPEN = "/*CMD";
    private static final String CLOSE = "CMD*/";
    private static final Pattern AFTER_CLOSE = Pattern.compile("\\G(\\r?\\n)*");

    /** Whether the code starts with a header (after a byte order mark and blank space). */
    public static boolean startsWithOne(String code) {
        return withoutBom(code).stripLeading().startsWith(OPEN);
    }

    /** Splits code that {@link #startsWithOne starts with a header}; an {@link IllegalArgumentException} says what is wrong. */
    public static CommandHeader split(String code) {
        if (!startsWithOne(code)) {
            throw new IllegalArgumentException("no /*CMD ... CMD*/ header");
        }
        int open = code.indexOf(OPEN);
        int close = code.indexOf(CLOSE, open);
        if (close < 0) {
            throw new IllegalArgumentException("the /*CMD header is not closed with CMD*/");
        }
        Matcher breaks = AFTER_CLOSE.matcher(code);
        breaks.find(close + CLOSE.length());
        Map<String, String> fields = fields(code.substring(open + OPEN.length(), close));
        // BB writes answer and keyboard as <<ANSWER ... ANSWER blocks; older exports as one line, "answer: text".
        CommandSettings settings = new CommandSettings(aliases(fields.get("aliases")),
                fields.getOrDefault("ANSWER", fields.get("answer")),
                fields.getOrDefault("KEYBOARD", fields.get("keyboard")), fields.get("help"), "true".equalsIgnoreCase(fields.get("need_reply")),
                fields.get("group"), fields.get("folder"), fields.get("auto_retry_time"));
        String name = fields.get("command");
        return new CommandHeader(code.substring(0, breaks.end()), name == null || name.isEmpty() ? null : name,
                settings, code.substring(breaks.end()));
    }

    /** BB's aliases field: texts separated by commas. */
    public static List<String> aliases(String field) {
        List<String> aliases = new ArrayList<>();
        if (field != null) {
            for (String alias : field.split(",")) {
                if (!alias.isBlank()) {
                    aliases.add(alias.strip());
                }
            }
        }
        return aliases;
    }

    /** The header BB writes for a command, for one created here rather than imported. */
    public static String defaultText(String name, CommandSettings settings) {
        return OPEN + "\n  command: " + name + "\n  help: " + orEmpty(settings.help()) + "\n  need_reply: "
                + settings.needReply() + "\n  auto_retry_time: " + orEmpty(settings.autoRetryTime()) + "\n  folder: "
                + orEmpty(settings.folder()) + "\n\n  <<ANSWER\n" + orEmpty(settings.answer()) + "\n  ANSWER\n\n  <<KEYBOARD\n"
                + orEmpty(settings.keyboard()) + "\n  KEYBOARD\n  aliases: " + String.join(", ", settings.aliases())
                + "\n  group: " + orEmpty(settings.group()) + "\n" + CLOSE + "\n\n";
    }

    /** {@code key: value} lines, and blocks under their marker's name (ANSWER, KEYBOARD), stripped. */
    private static Map<String, String> fields(String lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        String block = null;
        StringBuilder blockText = new StringBuilder();
        for (String line : lines.split("\\r?\\n", -1)) {
            String trimmed = line.strip();
            if (block != null) {
                if (trimmed.equals(block)) {
                    fields.putIfAbsent(block, blockText.toString().strip());
                    block = null;
                    blockText.setLength(0);
                } else {
                    blockText.append(trimmed).append('\n');
                }
            } else if (trimmed.startsWith("<<")) {
                block = trimmed.substring(2).strip();
            } else {
                int colon = trimmed.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
                }
            }
        }
        return fields;
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

package dev.botwebhooks.script;

import org.mozilla.javascript.CompilerEnvirons;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Parser;
import org.mozilla.javascript.ScriptRuntime;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * BB's WebApp templates: a command whose name ends in a web file's extension ({@code index.html}, {@code app.css})
 * holds text with BJS tags, {@code <% expression %>}, each replaced by its value ({@code undefined} and {@code null}
 * by nothing), and statement tags around text ({@code <% if (x) { %>...<% } %>}). {@code WebApp.render({template: "index.html", options: {...}})} renders one; the tags see the run's
 * globals ({@code bot}, {@code user}, ...) and {@code options}. A template is checked when it is saved: its tags
 * must compile, as a command's code must. Calling a template command by its name renders it.
 */
public final class Templates {

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "htm", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "txt", "text/plain; charset=utf-8", "svg", "image/svg+xml", "xml", "application/xml",
            "json", "application/json", "md", "text/markdown; charset=utf-8", "csv", "text/csv; charset=utf-8");

    private static final String OPEN = "<%";
    private static final String CLOSE = "%>";

    private Templates() {
    }

    /** Whether a command of this name is a template rather than code. */
    public static boolean isTemplate(String commandName) {
        return mediaType(commandName).isPresent();
    }

    /**
     * The media type a render of this template answers with: a template's, or JavaScript's for a command named
     * {@code app.js}. Such a command is code when called (a BB bot may name a BJS command so) but may be rendered as
     * a template, as BB's web apps serve their browser scripts.
     */
    static Optional<String> renderedMediaType(String commandName) {
        return mediaType(commandName).or(() -> commandName.toLowerCase(Locale.ROOT).endsWith(".js")
                ? Optional.of("text/javascript; charset=utf-8") : Optional.empty());
    }

    static Optional<String> mediaType(String commandName) {
        int dot = commandName.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(MEDIA_TYPES.get(commandName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The code a template command runs when it is called by its name: it renders itself. */
    public static String selfRendering(String commandName) {
        return "WebApp.render({template: " + quote(commandName) + "});";
    }

    /**
     * The template as the body of a function of {@code options} that returns the rendered text. Lines are kept
     * (each line of text is a line of the body), so an error in a tag names the template's line.
     *
     * @throws IllegalArgumentException when a tag is not closed
     */
    public static String toFunctionBody(String template) {
        StringBuilder body = new StringBuilder("var __out = '';");
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf(OPEN, at);
            String text = open < 0 ? template.substring(at) : template.substring(at, open);
            appendText(body, text);
            if (open < 0) {
                break;
            }
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException("the template has a <% tag without its %> (line "
                        + (1 + template.substring(0, open).chars().filter(c -> c == '\n').count()) + ")");
            }
            appendTag(body, template.substring(open + OPEN.length(), close));
            at = close + CLOSE.length();
        }
        return body.append("return __out;").toString();
    }

    /**
     * A tag that is an expression adds its value; any other is a statement ({@code <% if (paid) { %>}, {@code <% } %>},
     * {@code <% var total = 0 %>}) and adds nothing itself, as in EJS. {@code <%= x %>}, EJS's way, is {@code <% x %>}.
     */
    private static void appendTag(StringBuilder body, String tag) {
        String code = tag.startsWith("=") ? tag.substring(1) : tag;
        if (code.isBlank()) {
            return;
        }
        // A line comment would swallow what follows it on the line; the extra line break is the price.
        String end = code.contains("//") ? "\n" : "";
        if (isExpression(code)) {
            body.append("__out += __shown((").append(code).append(end).append("));");
        } else {
            body.append(code).append(end).append(';');
        }
    }

    private static boolean isExpression(String code) {
        CompilerEnvirons environment = new CompilerEnvirons();
        environment.setLanguageVersion(Context.VERSION_ES6);
        try {
            new Parser(environment).parse("(" + code + "\n);", "tag", 0);
            return true;
        } catch (EvaluatorException notAnExpression) {
            return false;
        }
    }

    /** The function's source, for Rhino to compile. */
    public static String toFunction(String template) {
        return "function (options) {function __shown(v) { return v === undefined || v === null ? '' : String(v) }"
                + toFunctionBody(template) + "\n}";
    }

    static String quote(String text) {
        return "\"" + ScriptRuntime.escapeString(text, '"').replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
                + "\"";
    }

    private static void appendText(StringBuilder body, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            boolean last = i == lines.length - 1;
            String line = last ? lines[i] : lines[i] + "\n";
            if (!line.isEmpty()) {
                body.append("__out += ").append(quote(line)).append(';');
            }
            if (!last) {
                body.append('\n');
            }
        }
    }
}

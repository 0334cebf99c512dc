package dev.botwebhooks.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bot's command names and aliases, to find the command a text calls as Bots.Business does: the whole text as a
 * name, then as an alias (names may hold spaces and emoji, as keyboard buttons do); else its first word, the rest
 * being {@code params}; else the master command {@code *}. {@code @} and {@code @@} run around every command and
 * are never called by a text.
 */
record CommandIndex(Set<String> names, Map<String, String> aliases) {

    /** One command as the index is built from it. */
    record Entry(String name, List<String> aliases) {
    }

    static CommandIndex of(List<Entry> entries) {
        Set<String> names = entries.stream().map(Entry::name).collect(Collectors.toUnmodifiableSet());
        Map<String, String> aliases = new HashMap<>();
        for (Entry entry : entries) {
            // A name wins over another command's alias; of two equal aliases the first command by name wins.
            entry.aliases().stream().filter(alias -> !names.contains(alias))
                    .forEach(alias -> aliases.putIfAbsent(alias, entry.name()));
        }
        return new CommandIndex(names, Map.copyOf(aliases));
    }

    Optional<CommandMatch> match(String text) {
        CommandLine line = CommandLine.parse(text);
        Optional<String> whole = lookup(line.text());
        if (whole.isPresent()) {
            return Optional.of(new CommandMatch(whole.get(), ""));
        }
        if (!line.params().isEmpty()) {
            Optional<String> firstWord = lookup(line.name());
            if (firstWord.isPresent()) {
                return Optional.of(new CommandMatch(firstWord.get(), line.params()));
            }
        }
        return names.contains(SpecialCommands.MASTER) ? Optional.of(new CommandMatch(SpecialCommands.MASTER, ""))
                : Optional.empty();
    }

    private Optional<String> lookup(String text) {
        if (text.isEmpty() || SpecialCommands.runsAround(text)) {
            return Optional.empty();
        }
        return names.contains(text) ? Optional.of(text) : Optional.ofNullable(aliases.get(text));
    }
}

package dev.botwebhooks.archive;

import dev.botwebhooks.bot.BotDirectory;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.CommandHeader;
import dev.botwebhooks.script.InstalledLibs;
import dev.botwebhooks.script.ModernSyntax;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Import and export of a bot as a BB-layout archive. An import is one transaction: every command it takes
 * and the kept files commit together, or nothing does. Unpacking, parsing and the syntax checks are CPU
 * work on a bounded elastic thread, never on an event loop.
 */
@Component
public class BotArchives {

    private final ArchiveReader reader;
    private final ArchiveProperties limits;
    private final ArchiveRepository repository;
    private final CommandDirectory directory;
    private final BotDirectory bots;
    private final ModernSyntax syntax;
    private final TransactionalOperator transaction;
    private final JsonMapper json;

    BotArchives(ArchiveProperties limits, ArchiveRepository repository, CommandDirectory directory, BotDirectory bots,
            TransactionalOperator transaction, JsonMapper json, ModernSyntax syntax) {
        this.bots = bots;
        this.json = json;
        this.syntax = syntax;
        this.reader = new ArchiveReader(limits);
        this.limits = limits;
        this.repository = repository;
        this.directory = directory;
        this.transaction = transaction;
    }

    /** The largest upload {@link #importArchive} takes; the caller stops reading past it. */
    public long maxArchiveBytes() {
        return limits.maxArchiveSize().toBytes();
    }

    /**
     * Imports what can be imported and reports the rest; with {@code strict}, a file that cannot be imported
     * fails the import ({@link ImportRefused}) and nothing is written.
     *
     * @throws BadArchive (in the Mono) for an upload that is not a bot archive at all
     */
    public Mono<ImportReport> importArchive(long botId, byte[] archive, boolean strict) {
        return Mono.fromCallable(() -> BotLayout.of(reader.read(archive), syntax))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(layout -> {
                    if (strict && !layout.skipped().isEmpty()) {
                        return Mono.error(new ImportRefused(layout.skipped()));
                    }
                    return write(botId, layout);
                });
    }

    private Mono<ImportReport> write(long botId, BotLayout layout) {
        List<ImportReport.Skipped> unknownLibs = new ArrayList<>();
        List<String> libs = libs(layout, unknownLibs);
        Mono<Void> installLibs = libs == null ? Mono.empty() : repository.setLibs(botId, json.writeValueAsString(libs));
        Mono<ImportReport> written = repository.commandNames(botId).collect(HashSet<String>::new, Set::add)
                .flatMap(existing -> repository.saveCommands(botId, layout.commands())
                        .then(repository.replaceFiles(botId, layout.kept()))
                        .then(installLibs)
                        .thenReturn(report(layout, existing, unknownLibs)));
        return transaction.transactional(written)
                .doOnSuccess(report -> {
                    layout.commands().forEach(command -> directory.forget(botId, command.name()));
                    if (libs != null) {
                        bots.forget(botId);
                    }
                });
    }

    private static ImportReport report(BotLayout layout, Set<String> existing, List<ImportReport.Skipped> unknownLibs) {
        List<ImportReport.Imported> imported = new ArrayList<>();
        for (CommandFile command : layout.commands()) {
            imported.add(new ImportReport.Imported(command.name(), command.path(), !existing.contains(command.name())));
        }
        List<ImportReport.Skipped> skipped = new ArrayList<>(layout.skipped());
        skipped.addAll(unknownLibs);
        return new ImportReport(imported, skipped, layout.kept().stream().map(ArchiveFile::path).toList());
    }

    /**
     * The store libraries the archive's {@code bot.json} installs ({@code "libs": ["ResourcesLib", ...]}), those this
     * service has; null when it names none (the bot's setting is left as it is). BB's documented bot.json has no such
     * field, so a BB export installs nothing and the bot keeps every library, the default.
     */
    private List<String> libs(BotLayout layout, List<ImportReport.Skipped> unknown) {
        ArchiveFile botJson = layout.kept().stream().filter(file -> file.path().equals("bot.json")).findFirst().orElse(null);
        if (botJson == null) {
            return null;
        }
        JsonNode listed;
        try {
            listed = json.readTree(new String(botJson.content(), StandardCharsets.UTF_8)).get("libs");
        } catch (RuntimeException notJson) {
            return null;
        }
        if (listed == null || !listed.isArray()) {
            return null;
        }
        List<String> libs = new ArrayList<>();
        for (JsonNode entry : listed) {
            String name = entry.isString() ? entry.asString() : entry.toString();
            if (InstalledLibs.available().contains(name)) {
                libs.add(name);
            } else {
                unknown.add(new ImportReport.Skipped("bot.json", "library " + name + " is not available here"));
            }
        }
        return libs;
    }

    /**
     * The bot as BB lays it out: every command in the file it came from (or {@code commands/<name>.js} with
     * BB's default header for one made here), then the files an import kept. More than the archive bound
     * of files is refused rather than cut short.
     */
    public Mono<byte[]> exportArchive(long botId, String botName) {
        int maxFiles = limits.maxFiles();
        return repository.commandFiles(botId, maxFiles + 1).collectList()
                .zipWith(repository.files(botId, maxFiles + 1).collectList())
                .flatMap(found -> {
                    if (found.getT1().size() + found.getT2().size() > maxFiles) {
                        return Mono.error(new TooLargeToExport(maxFiles));
                    }
                    return Mono.fromCallable(() -> ArchiveWriter.zip(files(found.getT1(), found.getT2(), botName)))
                            .subscribeOn(Schedulers.boundedElastic());
                });
    }

    private List<ArchiveFile> files(List<CommandFile> commands, List<ArchiveFile> kept, String botName) {
        List<ArchiveFile> files = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        kept.forEach(file -> paths.add(file.path()));
        for (CommandFile command : commands) {
            String path = command.path() != null ? command.path() : freePath(CommandFile.defaultPath(command.name()), paths);
            paths.add(path);
            String header = command.header() != null ? command.header() : CommandHeader.defaultText(command.name(), command.settings());
            files.add(new ArchiveFile(path, (header + command.code()).getBytes(StandardCharsets.UTF_8)));
        }
        files.addAll(kept);
        if (!paths.contains("bot.json")) {
            files.add(new ArchiveFile("bot.json", ("{\n  \"bb_sync_version\":\"1.0\",\n  \"name\":"
                    + json.writeValueAsString(botName) + "\n}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return files;
    }

    /** Two commands whose names map to one file name ({@code /a} and {@code _a}) get distinct files. */
    private static String freePath(String path, Set<String> taken) {
        String candidate = path;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = path.substring(0, path.length() - 3) + "-" + n + ".js";
        }
        return candidate;
    }

    /** A strict import with files it could not take. */
    public static class ImportRefused extends RuntimeException {
        private final List<ImportReport.Skipped> skipped;

        ImportRefused(List<ImportReport.Skipped> skipped) {
            super(skipped.size() + " file(s) cannot be imported; nothing was imported");
            this.skipped = skipped;
        }

        public List<ImportReport.Skipped> skipped() {
            return skipped;
        }
    }

    /** A bot with more files than an archive may hold. */
    public static class TooLargeToExport extends RuntimeException {
        TooLargeToExport(int maxFiles) {
            super("the bot has more than " + maxFiles + " commands and files; webhooks.archive.max-files bounds an export too");
        }
    }
}

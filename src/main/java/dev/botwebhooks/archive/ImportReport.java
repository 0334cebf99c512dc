package dev.botwebhooks.archive;

import java.util.List;

/**
 * What an import did: the commands created or updated, the files skipped and why, and the other files kept
 * for export (bot.json, README.md, libs/).
 */
public record ImportReport(List<Imported> imported, List<Skipped> skipped, List<String> kept) {

    public record Imported(String command, String path, boolean created) {
    }

    public record Skipped(String path, String reason) {
    }
}

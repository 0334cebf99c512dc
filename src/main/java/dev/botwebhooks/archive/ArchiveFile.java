package dev.botwebhooks.archive;

/** One file of an archive: its path inside the bot's folder ({@code commands/Users/_start.js}) and its bytes. */
public record ArchiveFile(String path, byte[] content) {
}

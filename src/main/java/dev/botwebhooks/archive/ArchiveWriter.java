package dev.botwebhooks.archive;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/** A zip of files, with UTF-8 names flagged as such (BB folder names hold emoji) and a fixed time, so equal bots zip equally. */
final class ArchiveWriter {

    private static final FileTime EPOCH = FileTime.from(Instant.parse("1980-01-01T00:00:00Z"));

    private ArchiveWriter() {
    }

    static byte[] zip(List<ArchiveFile> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setEncoding(StandardCharsets.UTF_8.name());
            zip.setUseLanguageEncodingFlag(true);
            for (ArchiveFile file : files) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.path());
                entry.setLastModifiedTime(EPOCH);
                zip.putArchiveEntry(entry);
                zip.write(file.content());
                zip.closeArchiveEntry();
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return bytes.toByteArray();
    }
}

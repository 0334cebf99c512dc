package dev.botwebhooks.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on an imported archive, so that a zip bomb or a huge upload is refused before it costs memory.
 *
 * @param maxArchiveSize the uploaded archive itself
 * @param maxFiles       entries in it (directories included)
 * @param maxFileSize    one file, uncompressed
 * @param maxTotalSize   all files together, uncompressed
 */
@ConfigurationProperties("webhooks.archive")
public record ArchiveProperties(
        @DefaultValue("10MB") DataSize maxArchiveSize,
        @DefaultValue("2000") int maxFiles,
        @DefaultValue("1MB") DataSize maxFileSize,
        @DefaultValue("50MB") DataSize maxTotalSize) {
}

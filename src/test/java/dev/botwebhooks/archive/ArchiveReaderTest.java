package dev.botwebhooks.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile archives are refused as a whole, whichever bound or rule they cross; good ones read as they were written. */
class ArchiveReaderTest {

    private static final ArchiveProperties LIMITS = new ArchiveProperties(DataSize.ofKilobytes(64), 10,
            DataSize.ofKilobytes(4), DataSize.ofKilobytes(10));
    private final ArchiveReader reader = new ArchiveReader(LIMITS);

    @Test
    void zipAndTarGzReadTheSameFiles() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("commands/", "");
        entries.put("commands/👥 Users/_start.js", "Bot.sendMessage(1)");
        entries.put("bot.json", "{}");
        for (byte[] archive : List.of(TestArchives.zip(entries), TestArchives.tarGz(entries))) {
            List<ArchiveFile> files = reader.read(archive);
            assertThat(files).extracting(ArchiveFile::path).containsExactly("commands/👥 Users/_start.js", "bot.json");
            assertThat(new String(files.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("Bot.sendMessage(1)");
        }
    }

    @Test
    void aLeadingDotFolderAsTarWritesItIsDropped() {
        assertThat(reader.read(TestArchives.tarGz(Map.of("./bot.json", "{}")))).extracting(ArchiveFile::path)
                .containsExactly("bot.json");
    }

    @Test
    void somethingElseIsNotAnArchive() {
        assertThatThrownBy(() -> reader.read("just text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadArchive.class).hasMessage("not a zip or tar.gz archive");
        assertThatThrownBy(() -> reader.read(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}))
                .isInstanceOf(BadArchive.class).hasMessageStartingWith("the archive cannot be read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.js", "commands/../../evil.js", "/etc/passwd", "C:/evil.js"})
    void pathsLeavingTheFolderAreRefused(String path) {
        assertThatThrownBy(() -> reader.read(TestArchives.zip(Map.of(path, "x")))).isInstanceOf(BadArchive.class)
                .hasMessageContaining(path.contains("..") ? "inside the bot's folder" : "relative");
        if (!path.startsWith("/")) {
            assertThatThrownBy(() -> reader.read(TestArchives.tarGz(Map.of(path, "x")))).isInstanceOf(BadArchive.class);
        } else {
            // Tar readers drop a leading slash, as tar itself does: the file lands inside the folder.
            assertThat(reader.read(TestArchives.tarGz(Map.of(path, "x")))).extracting(ArchiveFile::path)
                    .allMatch(read -> !read.startsWith("/"));
        }
    }

    @Test
    void aBackslashInATarNameIsRefused() {
        // Zip readers turn a FAT-platform zip's backslashes into slashes; a tar name has no such excuse.
        assertThatThrownBy(() -> reader.read(TestArchives.tarGz(Map.of("commands\\evil.js", "x"))))
                .isInstanceOf(BadArchive.class).hasMessage("paths must use / between folders: commands\\evil.js");
    }

    @Test
    void aNonUtf8TarNameIsRefused() {
        byte[] tar = TestArchives.tarGz(Map.of("commands/caf\u00e9.js", "x"), StandardCharsets.ISO_8859_1.name());
        assertThatThrownBy(() -> reader.read(tar)).isInstanceOf(BadArchive.class)
                .hasMessageStartingWith("file names must be UTF-8");
    }

    @Test
    void linksAndDevicesAreRefused() {
        assertThatThrownBy(() -> reader.read(TestArchives.zip(Map.of("commands/a.js", "link:/etc/passwd"))))
                .isInstanceOf(BadArchive.class).hasMessage("links are not allowed: commands/a.js");
        assertThatThrownBy(() -> reader.read(TestArchives.tarGz(Map.of("commands/a.js", "link:/etc/passwd"))))
                .isInstanceOf(BadArchive.class).hasMessage("links are not allowed: commands/a.js");
        assertThatThrownBy(() -> reader.read(TestArchives.tarGz(Map.of("commands/a.js", "hardlink:bot.json"))))
                .isInstanceOf(BadArchive.class).hasMessage("links are not allowed: commands/a.js");
        assertThatThrownBy(() -> reader.read(TestArchives.tarGz(Map.of("commands/a.js", "fifo:"))))
                .isInstanceOf(BadArchive.class).hasMessage("only files and folders are allowed: commands/a.js");
    }

    @Test
    void namesThatAreNotUtf8AreRefused() {
        byte[] latin1Names = TestArchives.zip(Map.of("commands/caf\u00e9.js", "x"), StandardCharsets.ISO_8859_1.name());
        assertThatThrownBy(() -> reader.read(latin1Names)).isInstanceOf(BadArchive.class)
                .hasMessageStartingWith("file names must be UTF-8");
    }

    @Test
    void eachBoundIsCrossedAndRefused() {
        Map<String, String> tooMany = new LinkedHashMap<>();
        for (int i = 0; i <= LIMITS.maxFiles(); i++) {
            tooMany.put("f" + i, "");
        }
        assertThatThrownBy(() -> reader.read(TestArchives.zip(tooMany))).isInstanceOf(BadArchive.class)
                .hasMessage("the archive has more than 10 entries");
        tooMany.remove("f0");
        assertThat(reader.read(TestArchives.zip(tooMany))).hasSize(10);

        // A zip bomb in small: a few bytes compressed, more than the file bound once read.
        String big = "0".repeat(4 * 1024 + 1);
        assertThatThrownBy(() -> reader.read(TestArchives.zip(Map.of("big", big)))).isInstanceOf(BadArchive.class)
                .hasMessage("big is over 4 KB uncompressed");
        assertThat(reader.read(TestArchives.zip(Map.of("big", big.substring(1))))).hasSize(1);

        Map<String, String> manyFull = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            manyFull.put("f" + i, "0".repeat(4 * 1024));
        }
        assertThatThrownBy(() -> reader.read(TestArchives.tarGz(manyFull))).isInstanceOf(BadArchive.class)
                .hasMessage("the archive is over 0 MB uncompressed");

        assertThatThrownBy(() -> reader.read(new byte[64 * 1024 + 1])).isInstanceOf(BadArchive.class)
                .hasMessageStartingWith("the archive is over");
    }

    @Test
    void aPathTwiceIsRefused() {
        byte[] tar = TestArchives.tarGz(new LinkedHashMap<>(Map.of("a.js", "1")) {{
            put("./a.js", "2");
        }});
        assertThatThrownBy(() -> reader.read(tar)).isInstanceOf(BadArchive.class).hasMessage("the archive holds a.js twice");
    }
}

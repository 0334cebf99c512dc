package dev.botwebhooks.archive;

import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

    /** Names as BB bots have them: an emoji, a letter inside Latin-1, and a path over the tar header's 100 bytes. */
    private static Map<String, String> namesOutsideAscii() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("commands/👛 My wallet.js", "1");
        entries.put("commands/Çekilme.js", "2");
        entries.put("commands/👥 Kullanıcılar/" + "Çok uzun bir komut adı ".repeat(4) + ".js", "3");
        return entries;
    }

    @Test
    void namesOutsideAsciiReadTheSameFromEveryKindOfTarAndZip() {
        Map<String, String> entries = namesOutsideAscii();
        Map<String, byte[]> archives = new LinkedHashMap<>();
        archives.put("PAX tar", TestArchives.gzip(TestArchives.paxTar(entries)));
        archives.put("GNU tar", TestArchives.gzip(TestArchives.gnuTar(entries)));
        archives.put("ustar, UTF-8 names, PAX for the long one", TestArchives.tarGz(entries));
        archives.put("zip, UTF-8 flag", TestArchives.zip(entries));
        archives.put("zip, UTF-8 without the flag", TestArchives.zip(entries, StandardCharsets.UTF_8.name(), false,
                ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER));
        archives.put("zip, code page 437 and Unicode path fields", TestArchives.zip(entries, "Cp437", false,
                ZipArchiveOutputStream.UnicodeExtraFieldPolicy.ALWAYS));

        archives.forEach((kind, archive) -> {
            List<ArchiveFile> files = reader.read(archive);
            assertThat(files).as(kind).extracting(ArchiveFile::path).containsExactlyElementsOf(entries.keySet());
            assertThat(files).as(kind).extracting(file -> new String(file.content(), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(entries.values());
        });
    }

    @Test
    void aPaxNameThatIsNotUtf8IsRefused() {
        // PAX says its path is UTF-8; one that is not is refused like a header name that is not.
        byte[] tar = TestArchives.paxTar(Map.of("commands/caf\u00e9.js", "x"));
        byte[] utf8 = "path=commands/caf\u00e9.js".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(tar, utf8);
        assertThat(at).isNotNegative();
        tar[at + utf8.length - 5] = (byte) 0xe9; // "é" as Latin-1, then an X: the record keeps its length
        tar[at + utf8.length - 4] = 'X';
        assertThatThrownBy(() -> reader.read(TestArchives.gzip(tar))).isInstanceOf(BadArchive.class)
                .hasMessage("file names must be UTF-8: commands/caf?X.js");
    }

    @Test
    void aLongGnuTarNameThatIsNotUtf8IsRefused() {
        byte[] tar = TestArchives.gnuTar(Map.of("commands/" + "caf\u00e9 ".repeat(30) + ".js", "x"), StandardCharsets.ISO_8859_1.name());
        assertThatThrownBy(() -> reader.read(TestArchives.gzip(tar))).isInstanceOf(BadArchive.class)
                .hasMessageStartingWith("file names must be UTF-8");
    }

    @Test
    void aZipUnicodePathFieldThatIsNotUtf8IsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setEncoding(StandardCharsets.ISO_8859_1.name());
            zip.setUseLanguageEncodingFlag(false);
            // An ASCII name in the header, and a Unicode path field that gives the name in Latin-1.
            ZipArchiveEntry entry = new ZipArchiveEntry("commands/cafe.js");
            UnicodePathExtraField field = new UnicodePathExtraField("commands/cafe.js",
                    "commands/cafe.js".getBytes(StandardCharsets.US_ASCII));
            field.setUnicodeName("commands/caf\u00e9.js".getBytes(StandardCharsets.ISO_8859_1));
            entry.addExtraField(field);
            zip.putArchiveEntry(entry);
            zip.write('x');
            zip.closeArchiveEntry();
        }
        assertThatThrownBy(() -> reader.read(bytes.toByteArray())).isInstanceOf(BadArchive.class)
                .hasMessage("file names must be UTF-8: commands/caf?.js");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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

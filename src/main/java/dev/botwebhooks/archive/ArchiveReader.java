package dev.botwebhooks.archive;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of an uploaded zip or tar.gz, refused as a whole ({@link BadArchive}) when it is not one, when a
 * path would leave the bot's folder, when it holds a link or a device, when a name is not UTF-8, or when it
 * passes a bound. Sizes are counted as bytes are read, never taken from headers, which a zip bomb lies in.
 */
final class ArchiveReader {

    private final ArchiveProperties limits;

    ArchiveReader(ArchiveProperties limits) {
        this.limits = limits;
    }

    List<ArchiveFile> read(byte[] archive) {
        if (archive.length > limits.maxArchiveSize().toBytes()) {
            throw new BadArchive("the archive is over " + limits.maxArchiveSize().toMegabytes() + " MB");
        }
        try {
            if (startsWith(archive, 0x50, 0x4b, 0x03, 0x04) || startsWith(archive, 0x50, 0x4b, 0x05, 0x06)) {
                return zip(archive);
            }
            if (startsWith(archive, 0x1f, 0x8b)) {
                return tar(archive);
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            if (unreadable instanceof BadArchive bad) {
                throw bad;
            }
            throw new BadArchive("the archive cannot be read: " + unreadable.getMessage());
        }
        throw new BadArchive("not a zip or tar.gz archive");
    }

    private List<ArchiveFile> zip(byte[] archive) throws IOException {
        Files files = new Files();
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive))
                .setCharset(StandardCharsets.UTF_8).setUseUnicodeExtraFields(true).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                utf8(nameBytes(entry), entry.getName());
                files.count(entry);
                if (entry.isUnixSymlink()) {
                    throw new BadArchive("links are not allowed: " + entry.getName());
                }
                if (!entry.isDirectory()) {
                    try (InputStream content = zip.getInputStream(entry)) {
                        files.add(entry.getName(), content);
                    }
                }
            }
        }
        return files.list;
    }

    /**
     * The tar is read twice in step: its header names decoded once as ISO-8859-1 (a char a byte, so that the
     * bytes can be checked as UTF-8 here) and once as UTF-8, which commons-compress decodes leniently. A PAX
     * {@code path} (Python's tarfile, bsdtar, {@code tar --format=pax}, commons-compress for long names) is
     * decoded as UTF-8 whatever the stream's encoding, so it comes out the same from both; a name from the
     * header or from a GNU long-name entry comes out the same only when it is ASCII. Turning a PAX name back
     * into bytes as ISO-8859-1 would make an emoji "?" and a "Ç" a byte that is not UTF-8.
     * Only the first reading's content is read; the second skips what the first has read, never further.
     */
    private List<ArchiveFile> tar(byte[] archive) throws IOException {
        Files files = new Files();
        try (TarArchiveInputStream tar = tarStream(archive, StandardCharsets.ISO_8859_1);
                TarArchiveInputStream utf8Names = tarStream(archive, StandardCharsets.UTF_8)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                TarArchiveEntry utf8Named = utf8Names.getNextEntry();
                if (utf8Named == null) {
                    throw new IOException("its two readings disagree");
                }
                entry.setName(tarName(entry.getName(), utf8Named.getName()));
                files.count(entry);
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new BadArchive("links are not allowed: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.isFile() || entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
                    throw new BadArchive("only files and folders are allowed: " + entry.getName());
                }
                files.add(entry.getName(), tar);
            }
        }
        return files.list;
    }

    /** What has been read so far, checked against the bounds as it grows. */
    private final class Files {
        final List<ArchiveFile> list = new ArrayList<>();
        final Set<String> paths = new HashSet<>();
        int entries;
        long totalBytes;

        void count(ArchiveEntry entry) {
            if (++entries > limits.maxFiles()) {
                throw new BadArchive("the archive has more than " + limits.maxFiles() + " entries");
            }
            path(entry.getName());
        }

        void add(String name, InputStream content) throws IOException {
            String path = path(name);
            if (!paths.add(path)) {
                throw new BadArchive("the archive holds " + path + " twice");
            }
            list.add(new ArchiveFile(path, bounded(path, content)));
        }

        private byte[] bounded(String path, InputStream content) throws IOException {
            long maxFile = limits.maxFileSize().toBytes();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = content.read(buffer)) != -1) {
                totalBytes += read;
                if (bytes.size() + read > maxFile) {
                    throw new BadArchive(path + " is over " + limits.maxFileSize().toKilobytes() + " KB uncompressed");
                }
                if (totalBytes > limits.maxTotalSize().toBytes()) {
                    throw new BadArchive("the archive is over " + limits.maxTotalSize().toMegabytes() + " MB uncompressed");
                }
                bytes.write(buffer, 0, read);
            }
            return bytes.toByteArray();
        }
    }

    /**
     * The entry's path inside the bot's folder: relative, with no {@code ..}, no backslash and no control
     * character.
     */
    static String path(String name) {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw new BadArchive("paths must be relative: " + name);
        }
        if (path.contains("\\")) {
            throw new BadArchive("paths must use / between folders: " + name);
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadArchive("file names must not hold control characters: " + name.replaceAll("\\p{Cntrl}", "?"));
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw new BadArchive("paths must stay inside the bot's folder: " + name);
            }
        }
        return path;
    }

    private static TarArchiveInputStream tarStream(byte[] archive, Charset names) throws IOException {
        return new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)), names.name());
    }

    /** A tar entry's name from its two readings, {@link #tar} says how; one that is not UTF-8 refuses the archive. */
    private static String tarName(String asLatin1, String asUtf8) {
        if (!asLatin1.equals(asUtf8)) {
            return utf8(asLatin1.getBytes(StandardCharsets.ISO_8859_1), asLatin1);
        }
        // ASCII, or a PAX path, which commons-compress decodes with U+FFFD for each byte that is not UTF-8.
        if (asUtf8.indexOf('\uFFFD') >= 0) {
            throw notUtf8(asUtf8);
        }
        return asUtf8;
    }

    /**
     * The bytes a zip entry's name was read from: the Info-ZIP Unicode path field, UTF-8 by definition, when
     * it gave the name (a zip tool that writes its code page in the header adds it), else the header's.
     */
    private static byte[] nameBytes(ZipArchiveEntry entry) {
        if (entry.getNameSource() == ZipArchiveEntry.NameSource.UNICODE_EXTRA_FIELD
                && entry.getExtraField(UnicodePathExtraField.UPATH_ID) instanceof UnicodePathExtraField field) {
            return field.getUnicodeName();
        }
        return entry.getRawName();
    }

    /** The name decoded as UTF-8; bytes that are not UTF-8 refuse the archive (a lenient decoder would guess). */
    private static String utf8(byte[] raw, String shown) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw notUtf8(shown);
        }
    }

    private static BadArchive notUtf8(String shown) {
        return new BadArchive("file names must be UTF-8: " + shown.replaceAll("[^\\p{Print}]", "?"));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

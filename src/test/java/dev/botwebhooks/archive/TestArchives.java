package dev.botwebhooks.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Archives made in the tests, in BB's layout or hostile, with what real tools write: links, devices, raw name bytes. */
public final class TestArchives {

    private TestArchives() {
    }

    /** A file, a folder ending in /, or a symbolic link: "link:target". */
    public static byte[] zip(Map<String, String> entries) {
        return zip(entries, StandardCharsets.UTF_8.name());
    }

    public static byte[] zip(Map<String, String> entries, String nameEncoding) {
        return zip(entries, nameEncoding, nameEncoding.equals(StandardCharsets.UTF_8.name()),
                ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
    }

    /**
     * Names in {@code nameEncoding}, with or without the flag that says they are UTF-8, and with the Info-ZIP
     * Unicode path field (UTF-8) as the policy says: old zip tools write UTF-8 without the flag, or their
     * code page with the field.
     */
    public static byte[] zip(Map<String, String> entries, String nameEncoding, boolean utf8Flag,
            ZipArchiveOutputStream.UnicodeExtraFieldPolicy unicodeField) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setEncoding(nameEncoding);
            zip.setUseLanguageEncodingFlag(utf8Flag);
            zip.setCreateUnicodeExtraFields(unicodeField);
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                String content = entry.getValue();
                if (content.startsWith("link:")) {
                    zipEntry.setUnixMode(0120777);
                    content = content.substring(5);
                }
                zip.putArchiveEntry(zipEntry);
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return bytes.toByteArray();
    }

    /** Entries as {@link #zip}; also "hardlink:target" and "fifo:". */
    public static byte[] tarGz(Map<String, String> entries) {
        return tarGz(entries, StandardCharsets.UTF_8.name());
    }

    public static byte[] tarGz(Map<String, String> entries, String nameEncoding) {
        return gzip(tar(entries, nameEncoding, tar -> tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX)));
    }

    /**
     * A tar, not gzipped, as Python's tarfile, bsdtar and {@code tar --format=pax} write it: a name that is not
     * ASCII (or is long) in a PAX {@code path} header as UTF-8, the header's own name field in ASCII with stand-ins.
     */
    public static byte[] paxTar(Map<String, String> entries) {
        return tar(entries, StandardCharsets.US_ASCII.name(), tar -> {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
        });
    }

    /**
     * A tar, not gzipped, as GNU tar's own format writes it: the name's bytes in the header, a long one in a
     * ././@LongLink entry.
     */
    public static byte[] gnuTar(Map<String, String> entries) {
        return gnuTar(entries, StandardCharsets.UTF_8.name());
    }

    public static byte[] gnuTar(Map<String, String> entries, String nameEncoding) {
        return tar(entries, nameEncoding, tar -> tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU));
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return bytes.toByteArray();
    }

    private static byte[] tar(Map<String, String> entries, String nameEncoding, Consumer<TarArchiveOutputStream> format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, nameEncoding)) {
            format.accept(tar);
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String content = entry.getValue();
                TarArchiveEntry tarEntry;
                if (content.startsWith("link:")) {
                    tarEntry = new TarArchiveEntry(entry.getKey(), TarArchiveEntry.LF_SYMLINK);
                    tarEntry.setLinkName(content.substring(5));
                    content = "";
                } else if (content.startsWith("hardlink:")) {
                    tarEntry = new TarArchiveEntry(entry.getKey(), TarArchiveEntry.LF_LINK);
                    tarEntry.setLinkName(content.substring(9));
                    content = "";
                } else if (content.equals("fifo:")) {
                    tarEntry = new TarArchiveEntry(entry.getKey(), TarArchiveEntry.LF_FIFO);
                    content = "";
                } else {
                    // Absolute names kept, as a hostile tool would write them.
                    tarEntry = new TarArchiveEntry(entry.getKey(), true);
                }
                byte[] data = content.getBytes(StandardCharsets.UTF_8);
                if (!entry.getKey().endsWith("/")) {
                    tarEntry.setSize(data.length);
                }
                tar.putArchiveEntry(tarEntry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return bytes.toByteArray();
    }

    /** The names of a zip's entries as their bytes are, one char a byte (ISO-8859-1). */
    public static List<String> rawNames(byte[] zip) {
        List<String> names = new ArrayList<>();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8.name())) {
            ZipArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(new String(entry.getRawName(), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return names;
    }

    /** The files of a zip, by path, as text. */
    public static Map<String, String> unzip(byte[] zip) {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8.name())) {
            ZipArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return files;
    }
}

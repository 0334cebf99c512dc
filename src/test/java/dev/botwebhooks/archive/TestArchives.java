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
import java.util.LinkedHashMap;
import java.util.Map;

/** Archives made in the tests, in BB's layout or hostile, with what real tools write: links, devices, raw name bytes. */
public final class TestArchives {

    private TestArchives() {
    }

    /** A file, a folder ending in /, or a symbolic link: "link:target". */
    public static byte[] zip(Map<String, String> entries) {
        return zip(entries, StandardCharsets.UTF_8.name());
    }

    public static byte[] zip(Map<String, String> entries, String nameEncoding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setEncoding(nameEncoding);
            zip.setUseLanguageEncodingFlag(nameEncoding.equals(StandardCharsets.UTF_8.name()));
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes), nameEncoding)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
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

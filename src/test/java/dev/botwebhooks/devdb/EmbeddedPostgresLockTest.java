package dev.botwebhooks.devdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second `make run` is refused, plainly, while another process holds the embedded PostgreSQL's lock. */
class EmbeddedPostgresLockTest {

    /** Another JVM that locks the file the way the embedded PostgreSQL does, says so, and holds it until its input ends. */
    private static final String LOCK_HOLDER = """
            import java.io.FileOutputStream;
            public class LockHolder {
                public static void main(String[] args) throws Exception {
                    FileOutputStream out = new FileOutputStream(args[0]);
                    if (out.getChannel().tryLock() == null) { System.exit(2); }
                    System.out.println("locked");
                    System.in.read();
                }
            }
            """;

    @TempDir
    Path dataDirectory;

    @Test
    void aDirectoryLockedByAnotherProcessIsRefusedWithAPlainMessage() throws Exception {
        Path source = Files.writeString(dataDirectory.resolve("LockHolder.java"), LOCK_HOLDER);
        Path lockFile = dataDirectory.resolve(EmbeddedPostgresEnvironment.LOCK_FILE);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(), lockFile.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> EmbeddedPostgresEnvironment.refuseIfLocked(dataDirectory))
                    .isInstanceOf(EmbeddedPostgresBusy.class)
                    .hasMessageContaining("Another instance is running")
                    .hasMessageContaining(dataDirectory.toString());
            assertThat(new EmbeddedPostgresBusyAnalyzer().analyze(new EmbeddedPostgresBusy(dataDirectory)).getAction())
                    .contains("Stop the other instance");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        // The lock file stays behind after its holder is gone; it does not block the next start.
        assertThat(lockFile).exists();
        assertThatCode(() -> EmbeddedPostgresEnvironment.refuseIfLocked(dataDirectory)).doesNotThrowAnyException();
    }

    @Test
    void aFreshDirectoryIsNotRefused() {
        assertThatCode(() -> EmbeddedPostgresEnvironment.refuseIfLocked(dataDirectory)).doesNotThrowAnyException();
    }
}

package dev.botwebhooks.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Dev and test classpath only: when no database is configured ({@code webhooks.database.host}
 * empty), starts a real PostgreSQL from Maven Central's binaries and points the application at it.
 * One server per JVM, shared by every application context of a test run.
 *
 * <p>{@code make run} keeps its data under {@code .data/postgres} (git-ignored,
 * {@code webhooks.dev.embedded-postgres-dir}); tests use a fresh temporary folder.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

    static final String DATA_DIR_PROPERTY = "webhooks.dev.embedded-postgres-dir";
    /** The file in the data directory that the embedded PostgreSQL (zonky) holds a lock on while it runs. */
    static final String LOCK_FILE = "epg-lock";

    private static EmbeddedPostgres server;
    /** Runs before the server stops at JVM exit: the dev launcher closes the application here, so that it
     * shuts down gracefully against a database that is still up (JVM shutdown hooks run concurrently). */
    private static volatile Runnable beforeStop = () -> { };

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String host = environment.getProperty("webhooks.database.host");
        if (host != null && !host.isBlank()) {
            return;
        }
        EmbeddedPostgres postgres = start(environment.getProperty(DATA_DIR_PROPERTY));
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "webhooks.database.host", "127.0.0.1",
                "webhooks.database.port", Integer.toString(postgres.getPort()),
                "webhooks.database.name", "postgres",
                "webhooks.database.username", "postgres",
                "webhooks.database.password", "")));
    }

    private static synchronized EmbeddedPostgres start(String dataDir) {
        if (server != null) {
            return server;
        }
        try {
            // Stopped by the hook below alone, after beforeStop: zonky's own hook would stop it at once.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
            if (dataDir != null && !dataDir.isBlank()) {
                Path dir = Files.createDirectories(Path.of(dataDir));
                refuseIfLocked(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                beforeStop.run();
                stop();
            }, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * Fails with {@link EmbeddedPostgresBusy} when another process holds the data directory's lock; the
     * embedded PostgreSQL would otherwise fail later with a bare "could not lock" error.
     */
    static void refuseIfLocked(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new EmbeddedPostgresBusy(dataDirectory);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new EmbeddedPostgresBusy(dataDirectory);
        }
    }

    /** What to do at JVM exit before the embedded PostgreSQL stops (see {@link #beforeStop}). */
    public static void beforeStop(Runnable action) {
        beforeStop = action;
    }

    private static synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
        }
    }
}

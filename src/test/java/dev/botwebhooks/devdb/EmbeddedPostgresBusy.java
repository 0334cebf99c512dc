package dev.botwebhooks.devdb;

import java.nio.file.Path;

/** The embedded PostgreSQL's data directory is locked by another running instance (a second {@code make run}). */
public class EmbeddedPostgresBusy extends IllegalStateException {

    private final transient Path dataDirectory;

    EmbeddedPostgresBusy(Path dataDirectory) {
        super("Another instance is running: it holds the embedded PostgreSQL in " + dataDirectory
                + " (its lock file " + dataDirectory.resolve(EmbeddedPostgresEnvironment.LOCK_FILE) + " is taken).");
        this.dataDirectory = dataDirectory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}

package dev.botwebhooks;

import dev.botwebhooks.devdb.EmbeddedPostgresBusy;
import org.springframework.boot.SpringApplication;

/**
 * {@code make run}: the application with the dev classpath, where an embedded PostgreSQL starts
 * when no database is configured (see {@code devdb.EmbeddedPostgresEnvironment}).
 */
public class DevBotWebhooksApplication {

    public static void main(String[] args) {
        if (System.getProperty("webhooks.dev.embedded-postgres-dir") == null) {
            System.setProperty("webhooks.dev.embedded-postgres-dir", ".data/postgres");
        }
        try {
            SpringApplication.run(BotWebhooksApplication.class, args);
        } catch (RuntimeException e) {
            // The failure analyzer has already said why in plain words; no second stack trace.
            if (e instanceof EmbeddedPostgresBusy || e.getCause() instanceof EmbeddedPostgresBusy) {
                System.exit(1);
            }
            throw e;
        }
    }
}

package dev.botwebhooks;

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
        SpringApplication.run(BotWebhooksApplication.class, args);
    }
}

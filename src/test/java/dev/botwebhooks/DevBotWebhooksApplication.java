package dev.botwebhooks;

import dev.botwebhooks.devdb.EmbeddedPostgresBusy;
import dev.botwebhooks.devdb.EmbeddedPostgresEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

/**
 * {@code make run}: the application with the dev classpath, where an embedded PostgreSQL starts
 * when no database is configured (see {@code devdb.EmbeddedPostgresEnvironment}).
 */
public class DevBotWebhooksApplication {

    /** Longer than graceful shutdown (spring.lifecycle.timeout-per-shutdown-phase, 30 s). */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    public static void main(String[] args) {
        if (System.getProperty("webhooks.dev.embedded-postgres-dir") == null) {
            System.setProperty("webhooks.dev.embedded-postgres-dir", ".data/postgres");
        }
        try {
            ConfigurableApplicationContext context = SpringApplication.run(BotWebhooksApplication.class, args);
            // JVM shutdown hooks run concurrently: the embedded PostgreSQL's waits until Spring's hook has closed
            // the application, so that in-flight work ends against a live database. (A second close() from
            // here would not wait: Spring interrupts a closing thread it finds waiting and returns.)
            EmbeddedPostgresEnvironment.beforeStop(() -> awaitClosed(context));
        } catch (RuntimeException e) {
            // The failure analyzer has already said why in plain words; no second stack trace.
            if (e instanceof EmbeddedPostgresBusy || e.getCause() instanceof EmbeddedPostgresBusy) {
                System.exit(1);
            }
            throw e;
        }
    }

    private static void awaitClosed(ConfigurableApplicationContext context) {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (context.isActive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package dev.botwebhooks.devdb;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly why a second {@code make run} does not start, instead of a stack trace. */
public class EmbeddedPostgresBusyAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresBusy> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresBusy cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other instance (Ctrl-C in its terminal) and run again, or give this one its own database: "
                        + "WEBHOOKS_DATABASE_HOST=... for an external PostgreSQL, or "
                        + "-Dwebhooks.dev.embedded-postgres-dir=<another folder>.", cause);
    }
}

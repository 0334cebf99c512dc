package dev.botwebhooks.webhook;

import dev.botwebhooks.url.WebhookParameters;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Webhooks are timed once, by {@code webhook.requests} (with the tags the dashboards read); the framework's own
 * {@code http.server.requests} observation would time each a second time, at a cost per webhook. Admin and console
 * requests keep it.
 */
@Configuration(proxyBeanMethods = false)
class WebhookObservations {

    private static final String WEBHOOK_PATHS = WebhookParameters.PATH.substring(0, WebhookParameters.PATH.indexOf('{'));

    @Bean
    ObservationPredicate webhooksAreNotObservedTwice() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getPath().value().startsWith(WEBHOOK_PATHS));
    }
}

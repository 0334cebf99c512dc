package dev.botwebhooks.verification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param tolerance how far a provider's signed timestamp may be from now (Stripe's and Standard Webhooks' 5 minutes) */
@ConfigurationProperties("webhooks.verification")
public record VerificationProperties(@DefaultValue("5m") Duration tolerance) {
}

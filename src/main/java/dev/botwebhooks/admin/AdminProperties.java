package dev.botwebhooks.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param adminToken the platform admin token (creates bots); when blank a random one is generated and logged */
@ConfigurationProperties("webhooks")
public record AdminProperties(String adminToken) {
}

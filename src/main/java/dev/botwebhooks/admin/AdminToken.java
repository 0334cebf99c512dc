package dev.botwebhooks.admin;

import dev.botwebhooks.bot.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The platform admin token. There is no built-in default: when none is configured a random one
 * is made at startup and logged once, so a dev run works and no shared secret ships with the code.
 */
@Component
class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final String token;

    AdminToken(AdminProperties properties) {
        String configured = properties.adminToken();
        if (configured == null || configured.isBlank()) {
            this.token = Tokens.newToken("adm_");
            log.warn("webhooks.admin-token (WEBHOOKS_ADMIN_TOKEN) is not set; generated admin token for this run: {}",
                    token);
        } else {
            this.token = configured;
        }
    }

    boolean matches(String candidate) {
        return Tokens.constantTimeEquals(token, candidate);
    }
}

package dev.botwebhooks.verification;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** Checks a webhook against its bot's {@code signature} setting; a bot without one accepts every body. */
@Component
public class ProviderSignatures {

    private final Duration tolerance;

    ProviderSignatures(VerificationProperties properties) {
        this.tolerance = properties.tolerance();
    }

    /**
     * @param header the request's first value of a header by case-insensitive name, null when absent
     * @param now    when the request arrived, from the application clock
     */
    public SignatureVerdict verify(JsonNode botSettings, Function<String, String> header, byte[] body, Instant now) {
        JsonNode setting = botSettings.get("signature");
        if (setting == null || setting.isNull()) {
            return SignatureVerdict.VALID;
        }
        SignatureScheme scheme;
        try {
            scheme = SignatureSettings.parse(setting);
        } catch (IllegalArgumentException unusable) {
            // Settings are validated when patched; one that does not parse now must not open the door.
            return SignatureVerdict.INVALID;
        }
        return scheme.verify(header, body, now, tolerance);
    }
}

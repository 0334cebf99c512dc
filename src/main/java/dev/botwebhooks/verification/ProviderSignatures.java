package dev.botwebhooks.verification;

import dev.botwebhooks.bot.BotSetting;
import dev.botwebhooks.bot.BotSettings;
import org.springframework.stereotype.Component;

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
    public SignatureVerdict verify(BotSettings settings, Function<String, String> header, byte[] body, Instant now) {
        BotSetting.Parsed<SignatureScheme> setting = settings.get(SignatureSettings.SETTING);
        if (setting instanceof BotSetting.Parsed.Valid<SignatureScheme> scheme) {
            return scheme.value().verify(header, body, now, tolerance);
        }
        // Settings are validated when patched; one that does not parse now must not open the door.
        return setting instanceof BotSetting.Parsed.Absent ? SignatureVerdict.VALID : SignatureVerdict.INVALID;
    }
}

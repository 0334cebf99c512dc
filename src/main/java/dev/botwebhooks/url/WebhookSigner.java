package dev.botwebhooks.url;

import dev.botwebhooks.crypto.Hmac;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HMAC-SHA256 over an unambiguous encoding of every signed parameter: each field is written as
 * absent, or as its UTF-8 length and bytes, so no two different sets of parameters encode alike
 * (Bots.Business signs only command and user; here tampering with any parameter is detected).
 */
public final class WebhookSigner {

    private static final byte[] DOMAIN = "bot-webhooks/v1\n".getBytes(StandardCharsets.UTF_8);

    private WebhookSigner() {
    }

    public static String sign(byte[] secret, SignedFields fields) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret, fields));
    }

    /** Constant-time: the comparison takes as long whichever byte differs. */
    public static boolean verify(byte[] secret, SignedFields fields, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64Url) {
            return false;
        }
        return Hmac.equal(mac(secret, fields), given);
    }

    private static byte[] mac(byte[] secret, SignedFields fields) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(128);
        message.writeBytes(DOMAIN);
        field(message, Long.toString(fields.botId()));
        field(message, fields.command());
        field(message, fields.userId());
        field(message, fields.content());
        field(message, fields.redirectTo());
        field(message, fields.exp());
        if (fields.options() != null) {
            // Only when present, so that every URL made before options existed keeps its signature.
            field(message, WebhookParameters.OPTIONS);
            field(message, fields.options());
        }
        return Hmac.sign("HmacSHA256", secret, message.toByteArray());
    }

    private static void field(ByteArrayOutputStream message, String value) {
        if (value == null) {
            message.write('-');
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            message.write('+');
            message.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            message.writeBytes(bytes);
        }
        message.write('\n');
    }
}

package dev.botwebhooks.url;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
        return MessageDigest.isEqual(mac(secret, fields), given);
    }

    private static byte[] mac(byte[] secret, SignedFields fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(DOMAIN);
            field(mac, Long.toString(fields.botId()));
            field(mac, fields.command());
            field(mac, fields.userId());
            field(mac, fields.content());
            field(mac, fields.redirectTo());
            field(mac, fields.exp());
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private static void field(Mac mac, String value) {
        if (value == null) {
            mac.update((byte) '-');
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            mac.update((byte) '+');
            mac.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            mac.update(bytes);
        }
        mac.update((byte) '\n');
    }
}

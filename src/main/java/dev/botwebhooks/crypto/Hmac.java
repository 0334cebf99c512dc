package dev.botwebhooks.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** HMAC signing, decoding of given signatures, and constant-time comparison; also backs the scripts' helper. */
public final class Hmac {

    /**
     * One {@code Mac} per algorithm per thread: looking one up through the JCA providers costs more than the MAC of a
     * webhook URL, and every webhook needs one. {@code init} with the key resets it, so nothing carries over.
     */
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    private Hmac() {
    }

    /** The JCA name of {@code sha256}, {@code sha1} or {@code sha512}; empty for anything else. */
    public static Optional<String> algorithm(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sha256" -> Optional.of("HmacSHA256");
            case "sha1" -> Optional.of("HmacSHA1");
            case "sha512" -> Optional.of("HmacSHA512");
            default -> Optional.empty();
        };
    }

    /** The MAC of the parts, in order, as one message. */
    public static byte[] sign(String jcaAlgorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = MACS.get().get(jcaAlgorithm);
            if (mac == null) {
                mac = Mac.getInstance(jcaAlgorithm);
                MACS.get().put(jcaAlgorithm, mac);
            }
            mac.init(new SecretKeySpec(key, jcaAlgorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaAlgorithm + " is part of every JRE", e);
        }
    }

    /** Compares in time independent of where the values differ. */
    public static boolean equal(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /** A signature as sent, decoded; empty when it is not valid {@code hex} or {@code base64}. */
    public static Optional<byte[]> decode(String text, String encoding) {
        try {
            return Optional.of(switch (encoding.toLowerCase(Locale.ROOT)) {
                case "hex" -> HexFormat.of().parseHex(text.strip());
                case "base64" -> Base64.getDecoder().decode(text.strip());
                default -> throw new IllegalArgumentException("unknown encoding " + encoding);
            });
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}

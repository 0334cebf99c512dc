package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BB's {@code CryptoJS} global (crypto-js 4.1.1), as bots use it to check payment providers' signatures, through real
 * HTTP: what it computes is what Java's own implementations compute.
 */
class CryptoJsTest extends EndToEndTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String TEXT = "héllo wörld ✓";

    private String answer(Bots.TestBot bot, String code) {
        bot.command("/run", code);
        return Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/run"))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).get("answer").asString();
    }

    @Test
    void hmacSha256OfAWebhooksBodyIsWhatJavaComputesAndWhatRfc4231Gives() throws Exception {
        String secret = "shop-secret-✓";
        String body = "{\"order\":\"Ä-42\",\"amount\":7}";
        byte[] signature = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body);
        Bots.TestBot bot = bots.create("cryptojs-hmac").command("/onPay", """
                var signature = CryptoJS.HmacSHA256(content, 'shop-secret-✓').toString(CryptoJS.enc.Hex)
                Bot.sendMessage([signature, signature === options.headers['X-Signature'],
                  typeof CryptoJS.HmacSHA256 === 'function',
                  CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA256(content, 'shop-secret-✓')),
                  CryptoJS.HmacSHA256('what do ya want for nothing?', 'Jefe').toString(),
                  CryptoJS.HmacSHA256('Hi There', CryptoJS.enc.Hex.parse('0b'.repeat(20))).toString()].join(' '))
                """);
        URI url = bot.localUrl(Map.of("command", "/onPay"));

        String answer = Bots.json(http.post().uri(url).header("X-Signature", HEX.formatHex(signature))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()).get("answer").asString();

        // RFC 4231's test cases 2 and 1 (a key of twenty 0x0b bytes).
        assertThat(answer).isEqualTo(HEX.formatHex(signature) + " true true " + Base64.getEncoder().encodeToString(signature)
                + " 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
                + " b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void digestsAndEncodersAreWhatJavaComputes() throws Exception {
        Bots.TestBot bot = bots.create("cryptojs-digests");

        assertThat(answer(bot, """
                var text = 'héllo wörld ✓'
                Bot.sendMessage([CryptoJS.SHA256(text).toString(), CryptoJS.MD5(text).toString(CryptoJS.enc.Hex),
                  CryptoJS.SHA1(text).toString(), CryptoJS.SHA512(text).toString(), CryptoJS.SHA256('abc').toString()]
                  .join(' '))
                """)).isEqualTo(String.join(" ", digest("SHA-256"), digest("MD5"), digest("SHA-1"), digest("SHA-512"),
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(utf8);
        assertThat(answer(bot, """
                var text = 'héllo wörld ✓'
                var base64 = CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(text))
                Bot.sendMessage([base64, CryptoJS.enc.Base64.parse(base64).toString(CryptoJS.enc.Utf8),
                  CryptoJS.enc.Utf8.parse(text).sigBytes, CryptoJS.enc.Hex.stringify(CryptoJS.enc.Utf8.parse(text)),
                  CryptoJS.enc.Utf8.stringify(CryptoJS.enc.Hex.parse('6f6b'))].join('|'))
                """)).isEqualTo(String.join("|", base64, TEXT, String.valueOf(utf8.length), HEX.formatHex(utf8), "ok"));
    }

    @Test
    void aesWithAPassphraseEncryptsWithARandomSaltAndDecryptsOpenSslsFormat() {
        Bots.TestBot bot = bots.create("cryptojs-aes");

        // The fixed ciphertext is from: openssl enc -aes-256-cbc -md md5 -pass 'pass:bb secret' -base64
        assertThat(answer(bot, """
                var text = 'Pay 7 USD to Ann ✓'
                var one = CryptoJS.AES.encrypt(text, 'bb secret').toString()
                var two = CryptoJS.AES.encrypt(text, 'bb secret').toString()
                Bot.sendMessage([CryptoJS.AES.decrypt(one, 'bb secret').toString(CryptoJS.enc.Utf8), one.indexOf('U2FsdGVkX1'),
                  one !== two, CryptoJS.AES.decrypt(two, 'bb secret').toString(CryptoJS.enc.Utf8) === text,
                  CryptoJS.AES.decrypt('U2FsdGVkX1/sbGRp7c5chd3PWjCIKETHDSBxLES5np9ZRwKRWMVacoYNoSObBFtl', 'bb secret')
                    .toString(CryptoJS.enc.Utf8),
                  CryptoJS.lib.WordArray.random(16).sigBytes,
                  CryptoJS.lib.WordArray.random(16).toString() !== CryptoJS.lib.WordArray.random(16).toString()].join('|'))
                """)).isEqualTo("Pay 7 USD to Ann ✓|0|true|true|Pay 7 USD to Ann ✓|16|true");
    }

    @Test
    void aScriptsOwnCryptoJsWinsAndAChangeToTheLibraryLastsOneRun() {
        Bots.TestBot bot = bots.create("cryptojs-own");

        assertThat(answer(bot, "var CryptoJS = {SHA256: function () { return 'mine' }}; Bot.sendMessage(CryptoJS.SHA256('x'))"))
                .isEqualTo("mine");
        assertThat(answer(bot, "CryptoJS.SHA256 = function () { return 'changed' }; Bot.sendMessage(CryptoJS.SHA256('x'))"))
                .isEqualTo("changed");
        assertThat(answer(bot, "Bot.sendMessage(CryptoJS.SHA256('abc').toString())"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static byte[] hmacSha256(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String algorithm) throws GeneralSecurityException {
        return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(TEXT.getBytes(StandardCharsets.UTF_8)));
    }
}

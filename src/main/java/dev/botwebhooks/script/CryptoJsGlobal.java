package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeBigInt64Array;
import org.mozilla.javascript.typedarrays.NativeBigUint64Array;
import org.mozilla.javascript.typedarrays.NativeFloat32Array;
import org.mozilla.javascript.typedarrays.NativeFloat64Array;
import org.mozilla.javascript.typedarrays.NativeTypedArrayView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * BB's {@code CryptoJS}: the crypto-js library (its single-file UMD build, from the webjar), which bots use to check
 * payment providers' signatures ({@code CryptoJS.HmacSHA256(content, secret).toString(CryptoJS.enc.Hex)}). Compiled
 * once per process, evaluated in a run's scope the first time the run names {@code CryptoJS}, so a run that does not
 * pays nothing. The UMD wrapper sees no {@code module}, {@code exports}, {@code define} or {@code require}, so it takes
 * its browser branch and sets {@code CryptoJS} on a throwaway object, not on the run's global; its random source
 * ({@code WordArray.random}, used by AES with a passphrase) is a {@code crypto.getRandomValues} backed by
 * {@link SecureRandom}, seen only by the library. Evaluating it costs a run about 2.5 ms of CPU and 2 MB of
 * allocation, within the run's budget.
 */
final class CryptoJsGlobal implements BjsGlobal {

    private static final String VERSION = "4.1.1";
    private static final String SOURCE = "/META-INF/resources/webjars/crypto-js/" + VERSION + "/crypto-js.js";
    /**
     * The library's source as the body of a function whose parameters hide the names its UMD header and its random
     * source look for: the header's {@code this} is the function's, and {@code globalThis} (checked after
     * {@code window} and {@code self}, so it wins) holds only the host's {@code crypto}. The header is on the
     * library's first line, so an error's line is the library's.
     */
    private static final String HEADER = "(function (module, exports, define, require, window, self, global, globalThis)"
            + " { ";
    private static final String FOOTER = "\n;return this.CryptoJS;\n})";
    /** The Web Crypto API's bound on one {@code getRandomValues} call. */
    static final int MAX_RANDOM_BYTES = 65536;

    private static final AtomicReference<Script> COMPILED = new AtomicReference<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How many times a run has evaluated the library, so tests can see that a run not naming it does not. */
    private static final AtomicLong LOADS = new AtomicLong();

    private final BjsEnvironment env;

    CryptoJsGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        env.defineLazily("CryptoJS", () -> cryptoJs(Context.getCurrentContext()));
    }

    static long loads() {
        return LOADS.get();
    }

    private Object cryptoJs(Context cx) {
        LOADS.incrementAndGet();
        Scriptable crypto = env.newObject(cx);
        env.function(crypto, "getRandomValues", 1, (c, args) -> getRandomValues(args));
        Scriptable host = env.newObject(cx);
        host.put("crypto", host, crypto);
        Function library = (Function) compiled(cx).exec(cx, env.scope());
        Object u = Undefined.instance;
        return library.call(cx, env.scope(), env.newObject(cx), new Object[] {u, u, u, u, u, u, u, host});
    }

    /**
     * The library, compiled by the first run that names it: about 100 ms of CPU and 6 to 8 MB of allocation, once
     * per process, within that run's budget.
     */
    private static Script compiled(Context cx) {
        Script script = COMPILED.get();
        if (script == null) {
            script = cx.compileString(HEADER + source() + FOOTER, "crypto-js.js", 1, null);
            COMPILED.compareAndSet(null, script);
        }
        return script;
    }

    /**
     * {@code crypto.getRandomValues(typedArray)} as the Web Crypto API has it: an integer typed array of at most
     * {@value #MAX_RANDOM_BYTES} bytes, filled from {@link SecureRandom} and returned.
     */
    static Object getRandomValues(Object[] args) {
        Object given = arg(args, 0);
        if (!(given instanceof NativeTypedArrayView<?> array) || given instanceof NativeFloat32Array
                || given instanceof NativeFloat64Array || given instanceof NativeBigInt64Array
                || given instanceof NativeBigUint64Array) {
            throw typeError("crypto.getRandomValues expects an integer typed array (Uint8Array, Uint32Array, ...), not "
                    + describe(given));
        }
        if (array.getByteLength() > MAX_RANDOM_BYTES) {
            throw rangeError("crypto.getRandomValues fills at most " + MAX_RANDOM_BYTES + " bytes, not "
                    + array.getByteLength());
        }
        // Each element gets as many random bits as it holds; a signed array reads the same bits as its negative half.
        long mask = (1L << (8 * array.getBytesPerElement())) - 1;
        int length = array.getArrayLength();
        for (int i = 0; i < length; i++) {
            ScriptableObject.putProperty(array, i, (double) (Integer.toUnsignedLong(RANDOM.nextInt()) & mask));
        }
        return array;
    }

    private static String source() {
        try (InputStream in = CryptoJsGlobal.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

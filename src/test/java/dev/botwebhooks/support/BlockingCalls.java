package dev.botwebhooks.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Installed by BlockHound's JUnit platform integration for the whole test run: a blocking call on
 * a Netty event loop or a Reactor parallel thread is recorded (and fails where it happens), and
 * {@link EndToEndTest} fails the test it happened in, even when the error was swallowed on the way.
 */
public final class BlockingCalls implements BlockHoundIntegration {

    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // NativePRNG reads /dev/urandom, which does not block once the kernel is seeded (at boot).
        builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes");
        builder.blockingMethodCallback(method -> {
            SEEN.add(method + " on " + Thread.currentThread().getName());
            throw new BlockingOperationError(method);
        });
    }

    /** What was recorded since the last call. */
    public static List<String> drain() {
        List<String> seen = List.copyOf(SEEN);
        SEEN.clear();
        return seen;
    }
}

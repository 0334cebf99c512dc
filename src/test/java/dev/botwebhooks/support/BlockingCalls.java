package dev.botwebhooks.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Installed by BlockHound's JUnit platform integration for the whole test run: a blocking call on
 * a Netty event loop or a Reactor parallel thread is recorded, and {@link EndToEndTest} fails the
 * test it happened in.
 */
public final class BlockingCalls implements BlockHoundIntegration {

    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // NativePRNG reads /dev/urandom, which does not block once the kernel is seeded (at boot).
        builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes");
        // Short critical sections of java.util.concurrent, not I/O: handing a run to the worker pool takes
        // the queue's lock for one enqueue, and Caffeine's maintenance takes its eviction lock.
        builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "execute");
        builder.allowBlockingCallsInside("com.github.benmanes.caffeine.cache.BoundedLocalCache", "performCleanUp");
        // Netty's buffer allocator takes a lock of its own for a moment when it adds a magazine under load
        // (seen with hundreds of connections at once); any allocation on an event loop can get there.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // Recorded, not thrown: an error thrown from inside a lock acquisition can leave the lock broken and
        // hang every later test; the test that saw the call fails in EndToEndTest instead.
        builder.blockingMethodCallback(method -> SEEN.add(method + " on " + Thread.currentThread().getName()
                + " at " + java.util.Arrays.toString(new Throwable().getStackTrace())));
    }

    /** What was recorded since the last call. */
    public static List<String> drain() {
        List<String> seen = List.copyOf(SEEN);
        SEEN.clear();
        return seen;
    }
}

package dev.botwebhooks.logging;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Logs an error once per cause per interval: the first time with its stack, then one line with how many
 * more there were. A database outage fails every request the same way; a log that repeats the same
 * stack for each of them buries everything else (and fills disks).
 */
public final class ThrottledLog {

    /** Causes remembered; past it the least recently seen are forgotten (and logged anew). */
    static final int MAX_CAUSES = 1000;

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Cache<String, Cause> causes = Caffeine.newBuilder().maximumSize(MAX_CAUSES).build();

    public ThrottledLog(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    ThrottledLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs {@code message} (an SLF4J pattern, filled from {@code arguments}) for {@code error}: with its stack
     * the first time its cause is seen, then at most one line per interval, counting the ones left out.
     */
    public void error(String message, Throwable error, Object... arguments) {
        long now = nanoTime.getAsLong();
        Cause cause = causes.get(key(error), key -> new Cause(now - intervalNanos));
        long suppressed = cause.occurred(now, intervalNanos);
        if (suppressed < 0) {
            return;
        }
        if (cause.firstLine()) {
            log.error(message, append(arguments, error));
        } else {
            log.error(message + ": {} ({} more like it since the last such line)",
                    append(append(arguments, error.toString()), suppressed));
        }
    }

    private static Object[] append(Object[] values, Object value) {
        Object[] more = new Object[values.length + 1];
        System.arraycopy(values, 0, more, 0, values.length);
        more[values.length] = value;
        return more;
    }

    /** The error's class and its root cause's class: one outage is one cause, whatever its messages say. */
    static String key(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return error.getClass().getName() + "/" + root.getClass().getName();
    }

    private static final class Cause {

        private final AtomicLong lastLogged;
        private final AtomicLong suppressed = new AtomicLong();
        private volatile boolean stackLogged;

        Cause(long neverLogged) {
            this.lastLogged = new AtomicLong(neverLogged);
        }

        /** How many were suppressed since the last line, when this one is to be logged; -1 when it is suppressed. */
        long occurred(long now, long interval) {
            long last = lastLogged.get();
            if (now - last >= interval && lastLogged.compareAndSet(last, now)) {
                return suppressed.getAndSet(0);
            }
            suppressed.incrementAndGet();
            return -1;
        }

        /** True the first time only: that line carries the stack. */
        boolean firstLine() {
            boolean first = !stackLogged;
            stackLogged = true;
            return first;
        }
    }
}

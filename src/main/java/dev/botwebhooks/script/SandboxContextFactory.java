package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.ErrorReporter;
import org.mozilla.javascript.EvaluatorException;

import java.lang.management.ManagementFactory;

/**
 * Makes the contexts scripts run in: interpreted (so the instruction observer sees every loop),
 * ES6, no Java classes visible, and the per-run budget checked every
 * {@value #INSTRUCTION_THRESHOLD} instructions.
 */
final class SandboxContextFactory extends ContextFactory {

    static final int INSTRUCTION_THRESHOLD = 10_000;
    /** Rhino's message when the interpreter's frame count passes {@link Context#getMaximumInterpreterStackDepth()}. */
    static final String STACK_DEPTH_EXCEEDED = "Exceeded maximum stack depth";

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final ScriptLimits limits;

    SandboxContextFactory(ScriptLimits limits) {
        this.limits = limits;
    }

    @Override
    protected Context makeContext() {
        SandboxContext cx = new SandboxContext(this);
        cx.setInterpretedMode(true);
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setMaximumInterpreterStackDepth(limits.maxStackDepth());
        cx.setInstructionObserverThreshold(INSTRUCTION_THRESHOLD);
        cx.setClassShutter(className -> false);
        cx.setErrorReporter(new StackLimitReporter(cx.getErrorReporter()));
        return cx;
    }

    @Override
    protected boolean hasFeature(Context cx, int featureIndex) {
        // Rhino's defaults already keep these off; pinned because each one would let a script
        // catch an Error or reach Java objects.
        if (featureIndex == Context.FEATURE_ENHANCED_JAVA_ACCESS
                || featureIndex == Context.FEATURE_ENABLE_JAVA_MAP_ACCESS) {
            return false;
        }
        // Rhino's __parent__ sets an object's parent scope whatever its state: a script could hang its
        // global on a shared built-in or a cached template object. Off, __parent__ is a plain property name.
        if (featureIndex == Context.FEATURE_PARENT_PROTO_PROPERTIES) {
            return false;
        }
        return super.hasFeature(cx, featureIndex);
    }

    @Override
    protected void observeInstructionCount(Context cx, int instructionCount) {
        if (cx instanceof SandboxContext sandbox && sandbox.budget != null) {
            sandbox.budget.check();
        }
    }

    ScriptLimits limits() {
        return limits;
    }

    /** Starts measuring a run on the current thread. */
    Budget startBudget() {
        return new Budget(limits);
    }

    static long currentThreadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * Rhino reports "Exceeded maximum stack depth" as an error a script can catch and recurse from
     * again; this turns it into {@link RunAborted}, which no catch sees. Every other report is as before.
     */
    private record StackLimitReporter(ErrorReporter delegate) implements ErrorReporter {

        @Override
        public void warning(String message, String sourceName, int line, String lineSource, int lineOffset) {
            delegate.warning(message, sourceName, line, lineSource, lineOffset);
        }

        @Override
        public void error(String message, String sourceName, int line, String lineSource, int lineOffset) {
            delegate.error(message, sourceName, line, lineSource, lineOffset);
        }

        @Override
        public EvaluatorException runtimeError(String message, String sourceName, int line, String lineSource,
                int lineOffset) {
            if (STACK_DEPTH_EXCEEDED.equals(message)) {
                throw new RunAborted(ScriptFailure.Kind.STACK_LIMIT, "stack depth limit exceeded");
            }
            return delegate.runtimeError(message, sourceName, line, lineSource, lineOffset);
        }
    }

    static final class SandboxContext extends Context {

        Budget budget;
        /** The run's Symbol.for registry; a context serves one run (and its Bot.runCommand calls). */
        SymbolRegistry symbols;

        SandboxContext(ContextFactory factory) {
            super(factory);
        }
    }

    /** What one run has used so far, measured on its worker thread. */
    static final class Budget {

        private final long cpuLimitNanos;
        private final long wallLimitNanos;
        private final long maxAllocatedBytes;
        private final long cpuStart = currentThreadCpuNanos();
        private final long wallStart = System.nanoTime();
        private final long allocatedStart = THREADS.getCurrentThreadAllocatedBytes();

        Budget(ScriptLimits limits) {
            this.cpuLimitNanos = limits.cpuTime().toNanos();
            this.wallLimitNanos = limits.wallTime().toNanos();
            this.maxAllocatedBytes = limits.maxAllocatedBytes();
        }

        long cpuUsedNanos() {
            return currentThreadCpuNanos() - cpuStart;
        }

        long remainingBytes() {
            return maxAllocatedBytes - (THREADS.getCurrentThreadAllocatedBytes() - allocatedStart);
        }

        /** Fails the run now when a built-in is about to allocate more than the run has left. */
        void reserve(double bytes) {
            if (bytes > remainingBytes()) {
                throw new RunAborted(ScriptFailure.Kind.MEMORY_LIMIT, "memory limit exceeded");
            }
        }

        /** Memory first: allocating costs CPU too, and the more specific reason helps the bot's owner. */
        void check() {
            if (THREADS.getCurrentThreadAllocatedBytes() - allocatedStart > maxAllocatedBytes) {
                throw new RunAborted(ScriptFailure.Kind.MEMORY_LIMIT, "memory limit exceeded");
            }
            if (cpuUsedNanos() > cpuLimitNanos) {
                throw new RunAborted(ScriptFailure.Kind.CPU_TIME_LIMIT, "CPU time limit exceeded");
            }
            if (System.nanoTime() - wallStart > wallLimitNanos) {
                throw new RunAborted(ScriptFailure.Kind.WALL_TIME_LIMIT, "wall time limit exceeded");
            }
        }
    }
}

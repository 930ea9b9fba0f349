package org.conditionalfeed.boot;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded launcher's handler of exceptions no thread caught. A {@link VirtualMachineError}
 * ({@link OutOfMemoryError} above all) in any thread is fatal: Tomcat rethrows it from its
 * acceptor and poller threads, which then die and leave a process that still runs but serves no
 * one. So the handler logs one line and halts the JVM with {@link #EXIT_STATUS}, the status of
 * {@code -XX:+ExitOnOutOfMemoryError}, so that a supervisor restarts it. It halts rather than
 * exits: shutdown hooks would need memory and threads the JVM may no longer have. Any other
 * uncaught exception is logged with its stack trace, and the process goes on.
 *
 * <p>Thread-safe.
 */
final class FatalErrorHandler implements Thread.UncaughtExceptionHandler {

    /** The exit status after a fatal error. */
    static final int EXIT_STATUS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(FatalErrorHandler.class);

    private final Runnable flushLog;
    private final IntConsumer halt;

    /**
     * @param flushLog writes out buffered log lines
     * @param halt ends the process with the given status; {@code Runtime.getRuntime()::halt} in production
     */
    FatalErrorHandler(Runnable flushLog, IntConsumer halt) {
        this.flushLog = flushLog;
        this.halt = halt;
    }

    /** Makes this the handler of every thread that has none of its own. */
    static void install(Runnable flushLog) {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrorHandler(flushLog, Runtime.getRuntime()::halt));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (!(error instanceof VirtualMachineError)) {
            LOG.error("Thread {} stopped by an uncaught exception", thread.getName(), error);
            return;
        }
        try {
            LOG.error("Fatal {} in thread {}: {}; halting with exit status {}", error.getClass().getSimpleName(),
                    thread.getName(), error.getMessage(), EXIT_STATUS);
            flushLog.run();
        } catch (Throwable loggingFailed) {
            // Nothing more can be said without memory; halting matters more than the line.
        } finally {
            halt.accept(EXIT_STATUS);
        }
    }
}

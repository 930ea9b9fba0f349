package org.conditionalfeed.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection pool's own threads, kept so that closing the database can wait until every one
 * has ended. The pool's executors report termination while their last thread is still exiting;
 * a standalone Tomcat that undeploys the WAR at that moment warns of a memory leak.
 *
 * <p>Thread-safe.
 */
final class PoolThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    PoolThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        threads.removeIf(old -> !old.isAlive());
        threads.add(thread);
        return thread;
    }

    /** Waits up to {@code limit} in all for the threads to end; returns whether they all did. */
    boolean awaitEnd(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }
}

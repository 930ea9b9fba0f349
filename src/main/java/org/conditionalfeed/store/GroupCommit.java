package org.conditionalfeed.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Group commit: every transaction that has committed waits until a force to stable storage has
 * begun after its commit and ended. Writers that commit while one force runs share the next, so
 * one {@code fsync} covers as many commits as arrive during the previous one, and throughput does
 * not drop to one write per disk flush.
 *
 * <p>Thread-safe.
 */
final class GroupCommit {

    /** Forces everything committed so far on the database to stable storage, through {@code connection}. */
    @FunctionalInterface
    interface Force {
        void force(Connection connection) throws SQLException;
    }

    private final Force force;
    private final Object lock = new Object();
    /** How many commits have asked to be forced. */
    private long committed;
    /** How many of them are known to be on stable storage. */
    private long forced;
    private boolean forcing;

    GroupCommit(Force force) {
        this.force = force;
    }

    /**
     * Returns once this caller's commit, which has just returned, is on stable storage. Either a
     * force that began after the commit covers it, or this thread runs one on {@code connection}.
     *
     * @throws SQLException when the force fails: the commit may not survive a crash
     */
    void awaitForced(Connection connection) throws SQLException {
        long upTo;
        synchronized (lock) {
            long ticket = ++committed;
            while (true) {
                if (forced >= ticket) {
                    return;
                }
                if (!forcing) {
                    forcing = true;
                    upTo = committed;
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while the commit was being forced to disk", e);
                }
            }
        }
        boolean done = false;
        try {
            force.force(connection);
            done = true;
        } finally {
            synchronized (lock) {
                forcing = false;
                if (done) {
                    forced = Math.max(forced, upTo);
                }
                lock.notifyAll();
            }
        }
    }
}

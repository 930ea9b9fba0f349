package org.conditionalfeed.store;

import java.util.Optional;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads that must belong to exactly one feed revision: the feed state is read before and after,
 * and every write changes it in the same transaction as the entries, so an unchanged state proves
 * that what was read in between is that revision's. Thread-safe.
 */
final class ConsistentReads {

    /** How often a read retries when writes keep landing between its two state reads. */
    private static final int ATTEMPTS = 5;

    private ConsistentReads() {
    }

    /** What {@code reader} reads, given the state it belongs to. */
    static <T> T read(Jdbi jdbi, BiFunction<Handle, FeedState, T> reader) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<T> read = jdbi.withHandle(handle -> {
                FeedState before = FeedStateRepository.read(handle);
                T result = reader.apply(handle, before);
                FeedState after = FeedStateRepository.read(handle);
                return before.revision() == after.revision() ? Optional.of(result) : Optional.<T>empty();
            });
            if (read.isPresent()) {
                return read.get();
            }
        }
        // Writes kept landing between the two reads: read under the state row's lock instead.
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT revision FROM feed_state WHERE id = 1 FOR UPDATE").mapTo(Long.class).one();
            return reader.apply(handle, FeedStateRepository.read(handle));
        });
    }
}

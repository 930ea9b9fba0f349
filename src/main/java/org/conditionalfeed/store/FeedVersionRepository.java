package org.conditionalfeed.store;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@code feed_version} rows: for each feed, the digest of its bytes and their
 * {@code Last-Modified}. Recording a digest compares it with the stored one under the row's lock;
 * only a different digest takes a new time, strictly later than the stored time and than the
 * latest start's ({@link FeedStateRepository#claimRestart()}), and not earlier than the revision
 * the bytes were rendered from. Bytes rendered from an older revision than the recorded ones (an
 * instance that read the entries before another's write) are not recorded: the row never goes
 * back to older bytes, which would give the newer ones a second, later time when they return.
 * Instances sharing the database therefore agree on each feed's {@code Last-Modified}, and a
 * restart keeps it.
 *
 * <p>The rows are derived data, so their commits need not be forced to disk one by one
 * ({@link Database#derivedJdbi()}; a writer forces its renders' rows once, {@link #forceRecorded()}): a row that a power cut takes back holds older bytes' digest,
 * so the next render records the current bytes again with a new time, and that time is later than
 * the start's claimed time, which is later than every {@code Last-Modified} sent before the cut.
 * No reader gets a stale {@code 304}; a reader that revalidates by date alone downloads once.
 *
 * <p>Thread-safe.
 */
public final class FeedVersionRepository {

    /** SQLSTATE of a unique violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final Runnable force;
    private final AtomicBoolean unforced = new AtomicBoolean();

    /**
     * @param jdbi where the rows are, e.g. {@link Database#derivedJdbi()}
     * @param force forces what {@code jdbi} committed to disk ({@link Database#forceToDisk()})
     */
    public FeedVersionRepository(Jdbi jdbi, Runnable force) {
        this.jdbi = jdbi;
        this.force = force;
    }

    /** Rows whose every commit is durable by itself: {@link #forceRecorded()} has nothing to do. */
    public FeedVersionRepository(Jdbi jdbi) {
        this(jdbi, () -> { });
    }

    /**
     * Forces the rows recorded since the last call to disk, once for all of them; for a writer that
     * renders the feeds its change touched before it answers, so that nothing it wrote is left
     * unforced at its answer.
     */
    public void forceRecorded() {
        if (unforced.getAndSet(false)) {
            force.run();
        }
    }

    /**
     * Records that {@code feedKey} has the bytes of {@code digest} as of {@code state}'s revision.
     *
     * @param state the feed state the bytes were rendered from: its revision orders recordings,
     *     its modification time is the earliest time new bytes take
     * @param restarted the time claimed by the latest start
     */
    public FeedVersion record(String feedKey, String digest, FeedState state, Instant restarted) {
        unforced.set(true);
        try {
            return jdbi.inTransaction(handle -> record(handle, feedKey, digest, state, restarted));
        } catch (UnableToExecuteStatementException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Another instance recorded this feed's first version at the same moment: compare with it.
            return jdbi.inTransaction(handle -> record(handle, feedKey, digest, state, restarted));
        }
    }

    private record Stored(String digest, long revision, Instant modified) {
    }

    private static FeedVersion record(Handle handle, String feedKey, String digest, FeedState state,
            Instant restarted) {
        Optional<Stored> stored = handle.createQuery(
                        "SELECT digest, revision, modified FROM feed_version WHERE feed_key = :key FOR UPDATE")
                .bind("key", feedKey)
                .map((rs, ctx) -> new Stored(rs.getString("digest"), rs.getLong("revision"),
                        Timestamps.read(rs, "modified")))
                .findOne();
        if (stored.isPresent() && stored.get().digest().equals(digest)) {
            if (stored.get().revision() < state.revision()) {
                handle.createUpdate("UPDATE feed_version SET revision = :revision WHERE feed_key = :key")
                        .bind("key", feedKey).bind("revision", state.revision()).execute();
            }
            return new FeedVersion(stored.get().modified(), false, false);
        }
        if (stored.isPresent() && stored.get().revision() > state.revision()) {
            return new FeedVersion(stored.get().modified(), false, true);
        }
        Instant modified = nextModified(stored.map(Stored::modified), state.modified(), restarted);
        String sql = stored.isPresent()
                ? "UPDATE feed_version SET digest = :digest, revision = :revision, modified = :modified"
                        + " WHERE feed_key = :key"
                : "INSERT INTO feed_version (feed_key, digest, revision, modified)"
                        + " VALUES (:key, :digest, :revision, :modified)";
        handle.createUpdate(sql).bind("key", feedKey).bind("digest", digest).bind("revision", state.revision())
                .bind("modified", Timestamps.argument(modified)).execute();
        return new FeedVersion(modified, true, false);
    }

    /**
     * The time of new bytes: not earlier than the revision's time or the latest start, and, when
     * the feed had other bytes, at least a second after the later of their time and the latest
     * start, which is the {@code Last-Modified} they were sent with.
     */
    static Instant nextModified(Optional<Instant> previous, Instant changedAt, Instant restarted) {
        Instant floor = restarted.truncatedTo(ChronoUnit.SECONDS);
        if (previous.isPresent()) {
            Instant sent = previous.get().isAfter(floor) ? previous.get() : floor;
            floor = sent.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        Instant at = changedAt.truncatedTo(ChronoUnit.SECONDS);
        return at.isAfter(floor) ? at : floor;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

package org.conditionalfeed.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single {@code feed_state} row: the feed's revision and the time of its latest change.
 *
 * <p>Every change takes a new revision and a modification time in whole seconds that is
 * strictly later than the previous one: this clock's current second, or the previous change's
 * time plus one second when that is not earlier. Nothing ever waits for the clock: a burst of
 * changes within one second takes the next seconds ahead of the clock, which then catches up.
 * {@code If-Modified-Since} can never confuse two versions, and the {@code Last-Modified} sent is
 * clamped to the response's {@code Date} (see {@code http.Validators}), while the precondition
 * is evaluated against the stored time.
 *
 * <p>When this process is the database's only user (an embedded H2 database, which locks its
 * file), the state is also kept in memory and replaced after each write commits, so reading it
 * costs no database round trip. Otherwise (PostgreSQL, an H2 server) other instances may write
 * too, and every read asks the database: one primary-key lookup.
 *
 * <p>Thread-safe.
 */
public final class FeedStateRepository {

    private static final Logger LOG = LoggerFactory.getLogger(FeedStateRepository.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final boolean exclusive;
    private final AtomicReference<FeedState> committed = new AtomicReference<>();
    private final List<Consumer<FeedState>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> restarted = new AtomicReference<>();

    /**
     * @param exclusive whether this process is the only one that writes to the database
     */
    public FeedStateRepository(Jdbi jdbi, Clock clock, boolean exclusive) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.exclusive = exclusive;
    }

    /** The current feed state: from memory when this process is the only writer, else one primary-key read. */
    public FeedState current() {
        FeedState known = committed.get();
        if (exclusive && known != null) {
            return known;
        }
        FeedState read = jdbi.withHandle(FeedStateRepository::read);
        published(read);
        return read;
    }

    /**
     * Calls {@code listener} with the new state after each change this process commits, in the
     * writing thread, before the write is answered. A listener that fails is logged; the write
     * stands.
     */
    public void onChange(Consumer<FeedState> listener) {
        listeners.add(listener);
    }

    /** A change this process has just committed: makes it current, then tells the listeners. */
    void changed(FeedState state) {
        published(state);
        for (Consumer<FeedState> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                LOG.warn("After revision {}: {}", state.revision(), e.toString(), e);
            }
        }
    }

    /**
     * Forgets the state kept in memory: a write of this process failed at or after its commit, so
     * the database may hold a newer revision than the one kept. The next {@link #current()}
     * reads the database.
     */
    public void forgetCurrent() {
        committed.set(null);
    }

    /** Makes a committed state the current one, unless a newer one is already known. */
    void published(FeedState state) {
        committed.accumulateAndGet(state, (known, fresh) -> known != null && known.revision() >= fresh.revision()
                ? known : fresh);
    }

    /**
     * Records the fingerprint of the settings that shape the feed (title, links, item count).
     * A different fingerprint from the stored one is a change to what the feed shows, so it
     * takes a new revision; so does the very first start. Instances that start together record
     * the same settings once: the row is locked before it is compared.
     */
    public FeedState recordSettings(String fingerprint) {
        FeedState state = jdbi.inTransaction(handle -> {
            String stored = handle.createQuery("SELECT settings_fingerprint FROM feed_state WHERE id = 1 FOR UPDATE")
                    .mapTo(String.class).one();
            if (stored.equals(fingerprint)) {
                return read(handle);
            }
            FeedState change = claimChange(handle);
            handle.createUpdate("UPDATE feed_state SET settings_fingerprint = :fingerprint WHERE id = 1")
                    .bind("fingerprint", fingerprint).execute();
            logSettingsChange(stored, fingerprint, change);
            return change;
        });
        published(state);
        return state;
    }

    private void logSettingsChange(String stored, String fingerprint, FeedState change) {
        if (stored.isEmpty() || exclusive) {
            LOG.info("Feed settings changed: revision {} at {}", change.revision(), change.modified());
            return;
        }
        // The database may be shared: either the settings were changed, or another instance runs
        // with other ones. Each start of a differently configured instance then takes a revision.
        LOG.warn("Feed settings {} differ from {}, last recorded in the shared database: revision {} at {}. "
                + "If other instances still run with the previous FEED_TITLE, FEED_DESCRIPTION, FEED_BASE_URL or "
                + "FEED_MAX_ITEMS, readers get a different feed from each, and every start of one takes a new "
                + "revision: give all instances the same settings", fingerprint, stored, change.revision(),
                change.modified());
    }

    /**
     * Takes the next revision and modification time inside the caller's write transaction.
     * The row stays locked until that transaction ends.
     */
    FeedState claimChange(Handle handle) {
        handle.createUpdate("UPDATE feed_state SET revision = revision + 1 WHERE id = 1").execute();
        FeedState locked = read(handle);
        Instant modified = nextModificationTime(locked.modified(), clock.instant());
        handle.createUpdate("UPDATE feed_state SET modified = :modified WHERE id = 1")
                .bind("modified", Timestamps.argument(modified)).execute();
        return new FeedState(locked.revision(), modified);
    }

    /** {@code max(now, previous + 1 s)} in whole seconds: strictly later than the previous change, never waiting. */
    static Instant nextModificationTime(Instant previous, Instant now) {
        Instant earliest = previous.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant current = now.truncatedTo(ChronoUnit.SECONDS);
        return current.isBefore(earliest) ? earliest : current;
    }

    /**
     * Claims a change at start-up that alters no content: a new revision, and a modification time
     * later than both the stored one and the current second, recorded as the time of this
     * restart. The database may have been recreated or restored from a backup, so the stored
     * time can be older than a {@code Last-Modified} this server already sent for other content;
     * a response is never older than the second it is sent in, so a time past the current second
     * is later than every {@code Last-Modified} sent before this start. The entity tags, derived
     * from the bytes, do not move; only readers that revalidate with {@code If-Modified-Since}
     * alone download once more.
     */
    public FeedState claimRestart() {
        FeedState state = jdbi.inTransaction(handle -> {
            FeedState locked = handle.createQuery("SELECT revision, modified FROM feed_state WHERE id = 1 FOR UPDATE")
                    .map((rs, ctx) -> new FeedState(rs.getLong("revision"), Timestamps.read(rs, "modified")))
                    .one();
            Instant pastThisSecond = Instant.ofEpochSecond(clock.instant().getEpochSecond() + 1);
            Instant afterStored = Instant.ofEpochSecond(locked.modified().getEpochSecond() + 1);
            Instant modified = pastThisSecond.isAfter(afterStored) ? pastThisSecond : afterStored;
            handle.createUpdate("UPDATE feed_state SET revision = revision + 1, modified = :modified,"
                            + " restarted = :modified WHERE id = 1")
                    .bind("modified", Timestamps.argument(modified)).execute();
            return new FeedState(locked.revision() + 1, modified);
        });
        restarted.set(state.modified());
        published(state);
        LOG.info("Start-up claimed revision {} at {}: no Last-Modified sent before is as late", state.revision(),
                state.modified());
        awaitTime(state.modified());
        return state;
    }

    /**
     * Waits, at start-up only and for at most a second, until {@code time} has come: a
     * {@code Last-Modified} is never later than the response's {@code Date}, so until then
     * responses could not carry the claimed time and {@code If-Modified-Since} would not match.
     */
    private void awaitTime(Instant time) {
        long millis = Math.min(1000, Duration.between(clock.instant(), time).toMillis());
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The modification time claimed by the latest start of any instance ({@link #claimRestart}):
     * from memory when this process is the only writer, else one primary-key read. No
     * {@code Last-Modified} of this database's content may be earlier.
     */
    public Instant restartedAt() {
        Instant known = restarted.get();
        if (exclusive && known != null) {
            return known;
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT restarted FROM feed_state WHERE id = 1")
                .map((rs, ctx) -> Timestamps.read(rs, "restarted")).one());
    }

    static FeedState read(Handle handle) {
        return handle.createQuery("SELECT revision, modified FROM feed_state WHERE id = 1")
                .map((rs, ctx) -> new FeedState(rs.getLong("revision"), Timestamps.read(rs, "modified")))
                .one();
    }
}

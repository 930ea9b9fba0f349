package org.conditionalfeed.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Blog entries. Every write runs in one transaction with the change of the feed state, so a
 * committed entry and the feed revision that shows it become visible together; a write returns
 * only after its commit, which {@link Database} makes durable, and only then publishes the new
 * state to {@link FeedStateRepository}.
 *
 * <p>Thread-safe.
 */
public final class EntryRepository {

    private static final String COLUMNS =
            "id, guid, title, content, link, author, categories, published, updated, revision";
    /** How often a feed read retries when writes keep landing between its two state reads. */
    private static final int CONSISTENT_READ_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final FeedStateRepository feedState;

    public EntryRepository(Jdbi jdbi, FeedStateRepository feedState) {
        this.jdbi = jdbi;
        this.feedState = feedState;
    }

    /** Stores a new entry with a fresh guid; published and updated are the change's time. */
    public Entry create(EntryDraft draft) {
        Entry created = jdbi.inTransaction(handle -> {
            FeedState change = feedState.claimChange(handle);
            long id = handle.createUpdate("INSERT INTO entry (guid, title, content, link, author, categories,"
                            + " published, updated, revision) VALUES (:guid, :title, :content, :link, :author,"
                            + " :categories, :published, :published, :revision)")
                    .bind("guid", "urn:uuid:" + UUID.randomUUID())
                    .bind("title", draft.title())
                    .bind("content", draft.content())
                    .bind("link", draft.link())
                    .bind("author", draft.author())
                    .bind("categories", encodeCategories(draft.categories()))
                    .bind("published", Timestamps.argument(change.modified()))
                    .bind("revision", change.revision())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return find(handle, id).orElseThrow();
        });
        feedState.changed(new FeedState(created.revision(), created.updated()));
        return created;
    }

    /** Replaces the writable fields of an entry; empty when there is no such entry. */
    public Optional<Entry> update(long id, EntryDraft draft) {
        Optional<Entry> updated = jdbi.inTransaction(handle -> {
            if (find(handle, id).isEmpty()) {
                return Optional.empty();
            }
            FeedState change = feedState.claimChange(handle);
            handle.createUpdate("UPDATE entry SET title = :title, content = :content, link = :link,"
                            + " author = :author, categories = :categories, updated = :updated,"
                            + " revision = :revision WHERE id = :id")
                    .bind("id", id)
                    .bind("title", draft.title())
                    .bind("content", draft.content())
                    .bind("link", draft.link())
                    .bind("author", draft.author())
                    .bind("categories", encodeCategories(draft.categories()))
                    .bind("updated", Timestamps.argument(change.modified()))
                    .bind("revision", change.revision())
                    .execute();
            return find(handle, id);
        });
        updated.ifPresent(entry -> feedState.changed(new FeedState(entry.revision(), entry.updated())));
        return updated;
    }

    /** Deletes an entry; {@code false} when there was no such entry. */
    public boolean delete(long id) {
        Optional<FeedState> change = jdbi.inTransaction(handle -> {
            if (find(handle, id).isEmpty()) {
                return Optional.<FeedState>empty();
            }
            FeedState claimed = feedState.claimChange(handle);
            handle.createUpdate("DELETE FROM entry WHERE id = :id").bind("id", id).execute();
            return Optional.of(claimed);
        });
        change.ifPresent(feedState::changed);
        return change.isPresent();
    }

    /** The entry with this id, if any. */
    public Optional<Entry> find(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /** A page of entries, newest first. */
    public List<Entry> list(int limit, int offset) {
        return jdbi.withHandle(handle -> newest(handle, limit, offset));
    }

    /**
     * The newest {@code max} entries and the feed state they belong to. Reads the state before
     * and after the entries: every write changes the state in the same transaction, so an
     * unchanged state proves the entries are exactly that revision's.
     */
    public FeedSlice feed(int max) {
        for (int attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt++) {
            Optional<FeedSlice> slice = jdbi.withHandle(handle -> {
                FeedState before = FeedStateRepository.read(handle);
                List<Entry> entries = newest(handle, max, 0);
                FeedState after = FeedStateRepository.read(handle);
                return before.revision() == after.revision()
                        ? Optional.of(new FeedSlice(after, entries)) : Optional.<FeedSlice>empty();
            });
            if (slice.isPresent()) {
                return slice.get();
            }
        }
        // Writes kept landing between the two reads: read under the state row's lock instead.
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT revision FROM feed_state WHERE id = 1 FOR UPDATE").mapTo(Long.class).one();
            return new FeedSlice(FeedStateRepository.read(handle), newest(handle, max, 0));
        });
    }

    private static List<Entry> newest(Handle handle, int limit, int offset) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM entry ORDER BY published DESC, id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(EntryRepository::mapEntry)
                .list();
    }

    private static Optional<Entry> find(Handle handle, long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM entry WHERE id = :id")
                .bind("id", id)
                .map(EntryRepository::mapEntry)
                .findOne();
    }

    private static Entry mapEntry(ResultSet rs, StatementContext context) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getString("guid"), rs.getString("title"), rs.getString("content"),
                rs.getString("link"), rs.getString("author"), decodeCategories(rs.getString("categories")),
                Timestamps.read(rs, "published"), Timestamps.read(rs, "updated"), rs.getLong("revision"));
    }

    /** Categories hold no line breaks (the caller validates that), so a newline separates them. */
    private static String encodeCategories(List<String> categories) {
        return String.join("\n", categories);
    }

    private static List<String> decodeCategories(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n", -1));
    }
}

package org.conditionalfeed.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.HandleCallback;
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

    /** Every column but the content, of rows read {@link #FROM} entries joined to their enclosures. */
    private static final String COLUMNS_BUT_CONTENT = "entry.id, entry.guid, entry.title, entry.link, entry.author,"
            + " entry.categories, entry.published, entry.updated, entry.revision, " + Enclosures.COLUMNS;
    private static final String COLUMNS = "entry.content, " + COLUMNS_BUT_CONTENT;
    /** The columns of an entry read without its content ({@code content} is {@code null}). */
    static final String HEADLINE_COLUMNS = "NULL AS content, " + COLUMNS_BUT_CONTENT;
    static final String FROM = " FROM entry" + Enclosures.JOIN;
    static final String NEWEST_FIRST = " ORDER BY entry.published DESC, entry.id DESC";

    private final Jdbi jdbi;
    private final FeedStateRepository feedState;

    public EntryRepository(Jdbi jdbi, FeedStateRepository feedState) {
        this.jdbi = jdbi;
        this.feedState = feedState;
    }

    /** Stores a new entry with a fresh guid; published and updated are the change's time. */
    public Entry create(EntryDraft draft) {
        return create(draft, (handle, entry) -> { });
    }

    /**
     * Stores a new entry like {@link #create(EntryDraft)} and runs {@code alsoInTransaction} with
     * it inside the same transaction, before the commit: when that throws, nothing is stored.
     */
    Entry create(EntryDraft draft, BiConsumer<Handle, Entry> alsoInTransaction) {
        Entry created = inTransaction(draft, handle -> {
            Enclosures.claim(handle, draft.enclosure());
            FeedState change = feedState.claimChange(handle);
            long id = handle.createUpdate("INSERT INTO entry (guid, title, content, link, author, categories,"
                            + " published, updated, revision, enclosure_id) VALUES (:guid, :title, :content, :link,"
                            + " :author, :categories, :published, :published, :revision, :enclosure)")
                    .bind("enclosure", draft.enclosure())
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
            Entry entry = find(handle, id).orElseThrow();
            EntryCategories.changed(handle, change, id, entry.published(), List.of(), entry.categories(), 1);
            alsoInTransaction.accept(handle, entry);
            return entry;
        });
        feedState.changed(new FeedState(created.revision(), created.updated()));
        return created;
    }

    /** Replaces the writable fields of an entry; empty when there is no such entry. */
    public Optional<Entry> update(long id, EntryDraft draft) {
        Optional<Entry> updated = inTransaction(draft, handle -> {
            Optional<Entry> before = find(handle, id);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            Enclosures.claim(handle, draft.enclosure());
            FeedState change = feedState.claimChange(handle);
            handle.createUpdate("UPDATE entry SET title = :title, content = :content, link = :link,"
                            + " author = :author, categories = :categories, updated = :updated,"
                            + " revision = :revision, enclosure_id = :enclosure WHERE id = :id")
                    .bind("id", id)
                    .bind("enclosure", draft.enclosure())
                    .bind("title", draft.title())
                    .bind("content", draft.content())
                    .bind("link", draft.link())
                    .bind("author", draft.author())
                    .bind("categories", encodeCategories(draft.categories()))
                    .bind("updated", Timestamps.argument(change.modified()))
                    .bind("revision", change.revision())
                    .execute();
            EntryCategories.changed(handle, change, id, before.get().published(),
                    before.get().categories(), draft.categories(), 0);
            return find(handle, id);
        });
        updated.ifPresent(entry -> feedState.changed(new FeedState(entry.revision(), entry.updated())));
        return updated;
    }

    /**
     * A write of {@code draft} in one transaction. The medium it names is locked first
     * ({@link Enclosures#claim}); should the foreign key still refuse it, that too is an
     * {@link UnknownEnclosure}, never a database failure.
     */
    private <R> R inTransaction(EntryDraft draft, HandleCallback<R, RuntimeException> write) {
        try {
            return jdbi.inTransaction(write);
        } catch (JdbiException e) {
            if (draft.enclosure() != null && Enclosures.isForeignKeyViolation(e)) {
                throw new UnknownEnclosure(draft.enclosure());
            }
            throw e;
        }
    }

    /** Deletes an entry; {@code false} when there was no such entry. */
    public boolean delete(long id) {
        Optional<FeedState> change = jdbi.inTransaction(handle -> {
            Optional<Entry> before = find(handle, id);
            if (before.isEmpty()) {
                return Optional.<FeedState>empty();
            }
            FeedState claimed = feedState.claimChange(handle);
            EntryCategories.changed(handle, claimed, id, before.get().published(),
                    before.get().categories(), List.of(), -1);
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
     * A page of entries, newest first, without their content ({@code content} is {@code null}):
     * for lists that show no content, so large contents are never read into memory.
     */
    public List<Entry> listHeadlines(int limit, int offset) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + HEADLINE_COLUMNS + FROM + NEWEST_FIRST
                        + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(EntryRepository::mapEntry)
                .list());
    }

    /** The ids of a page of entries, newest first: to read a page of large entries a few at a time. */
    public List<Long> newestIds(int limit, int offset) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM entry ORDER BY published DESC, id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .mapTo(Long.class)
                .list());
    }

    /** The entries with these ids that still exist, in the order of {@code ids}. */
    public List<Entry> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Entry> found = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT " + COLUMNS + FROM + " WHERE entry.id IN (<ids>)")
                .bindList("ids", ids)
                .map(EntryRepository::mapEntry)
                .forEach(entry -> found.put(entry.id(), entry)));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private static List<Entry> newest(Handle handle, int limit, int offset) {
        return handle.createQuery("SELECT " + COLUMNS + FROM + NEWEST_FIRST + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(EntryRepository::mapEntry)
                .list();
    }

    private static Optional<Entry> find(Handle handle, long id) {
        return handle.createQuery("SELECT " + COLUMNS + FROM + " WHERE entry.id = :id")
                .bind("id", id)
                .map(EntryRepository::mapEntry)
                .findOne();
    }

    /** An entry from a row read with {@link #COLUMNS} or {@link #HEADLINE_COLUMNS} {@link #FROM}. */
    static Entry mapEntry(ResultSet rs, StatementContext context) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getString("guid"), rs.getString("title"), rs.getString("content"),
                rs.getString("link"), rs.getString("author"), decodeCategories(rs.getString("categories")),
                Timestamps.read(rs, "published"), Timestamps.read(rs, "updated"), rs.getLong("revision"),
                Enclosures.read(rs));
    }

    /** Categories hold no line breaks (the caller validates that), so a newline separates them. */
    private static String encodeCategories(List<String> categories) {
        return String.join("\n", categories);
    }

    static List<String> decodeCategories(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n", -1));
    }
}

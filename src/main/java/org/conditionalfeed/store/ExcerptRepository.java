package org.conditionalfeed.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads what a feed shows of the newest entries without ever holding whole large contents:
 * first which entries, through the listing's index ({@link Listings}); then every field but the
 * content, with the content's length; then, for the entries that get
 * any, only the first characters of the content ({@code SUBSTRING} in SQL, the same on H2 and
 * PostgreSQL), a few entries per query. Each entry gets at most {@code itemChars} characters,
 * and all of them together at most {@code totalChars}, newest first; the rest is marked as cut.
 * So the memory a feed read takes is bounded by its two limits, whatever the entries hold.
 *
 * <p>Thread-safe.
 */
public final class ExcerptRepository {

    /** Characters of content fetched by one query, at most (plus one entry's excerpt). */
    private static final long CHARS_PER_QUERY = 1L << 20;

    private final Jdbi jdbi;

    public ExcerptRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The newest {@code max} entries with bounded excerpts of their content, and the feed state
     * they belong to. Reads the state before and after the entries: every write changes the
     * state in the same transaction, so an unchanged state proves the entries are that
     * revision's.
     */
    public ExcerptSlice newest(int max, int itemChars, long totalChars) {
        return newest(null, 0, max, itemChars, totalChars);
    }

    /**
     * As {@link #newest(int, int, long)}, for the entries of {@code category} (all entries when it
     * is {@code null}) after the newest {@code offset}, with the category's stamp read
     * consistently with them.
     */
    public ExcerptSlice newest(String category, int offset, int max, int itemChars, long totalChars) {
        return ConsistentReads.read(jdbi, (handle, state) -> {
            Listings.Stretch stretch = Listings.read(handle, category, state, offset, max);
            return new ExcerptSlice(state, stretch.changed().revision(), stretch.changed().modified(),
                    excerpts(handle, headlines(handle, stretch.ids()), itemChars, totalChars));
        });
    }

    private record Headline(Entry entry, Integer contentLength) {
    }

    private static List<Headline> headlines(Handle handle, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Headline> found = new HashMap<>();
        handle.createQuery("SELECT " + EntryRepository.HEADLINE_COLUMNS
                        + ", CHAR_LENGTH(entry.content) AS content_length" + EntryRepository.FROM
                        + " WHERE entry.id IN (<ids>)")
                .bindList("ids", ids)
                .map(ExcerptRepository::headline)
                .forEach(headline -> found.put(headline.entry().id(), headline));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private static Headline headline(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Headline(EntryRepository.mapEntry(rs, ctx), rs.getObject("content_length", Integer.class));
    }

    private static List<EntryExcerpt> excerpts(Handle handle, List<Headline> headlines, int itemChars,
            long totalChars) {
        Map<Long, Integer> planned = new HashMap<>();
        long remaining = totalChars;
        for (Headline headline : headlines) {
            if (headline.contentLength() != null) {
                int chars = (int) Math.min(Math.min(headline.contentLength(), itemChars), remaining);
                planned.put(headline.entry().id(), chars);
                remaining -= chars;
            }
        }
        Map<Long, String> contents = contents(handle, planned);
        List<EntryExcerpt> excerpts = new ArrayList<>(headlines.size());
        for (Headline headline : headlines) {
            Entry entry = headline.entry();
            if (headline.contentLength() == null) {
                excerpts.add(new EntryExcerpt(entry, false));
                continue;
            }
            int chars = planned.get(entry.id());
            String excerpt = contents.getOrDefault(entry.id(), "");
            excerpt = excerpt.substring(0, Math.min(chars, excerpt.length()));
            excerpts.add(new EntryExcerpt(entry.withContent(excerpt), headline.contentLength() > excerpt.length()));
        }
        return excerpts;
    }

    /** The first {@code planned} characters of each entry's content, a bounded amount per query. */
    private static Map<Long, String> contents(Handle handle, Map<Long, Integer> planned) {
        Map<Long, String> contents = new HashMap<>();
        List<Long> batch = new ArrayList<>();
        int batchChars = 0;
        long batchTotal = 0;
        for (Map.Entry<Long, Integer> plan : planned.entrySet()) {
            if (plan.getValue() == 0) {
                continue;
            }
            batch.add(plan.getKey());
            batchChars = Math.max(batchChars, plan.getValue());
            batchTotal += plan.getValue();
            if (batchTotal >= CHARS_PER_QUERY) {
                fetch(handle, batch, batchChars, contents);
                batch.clear();
                batchChars = 0;
                batchTotal = 0;
            }
        }
        if (!batch.isEmpty()) {
            fetch(handle, batch, batchChars, contents);
        }
        return contents;
    }

    private static void fetch(Handle handle, List<Long> ids, int chars, Map<Long, String> into) {
        handle.createQuery("SELECT id, SUBSTRING(content FROM 1 FOR :chars) AS excerpt FROM entry WHERE id IN (<ids>)")
                .bind("chars", chars)
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), Objects.requireNonNullElse(rs.getString("excerpt"), "")))
                .forEach(row -> into.put(row.getKey(), row.getValue()));
    }
}

package org.conditionalfeed.readers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.conditionalfeed.http.EntityTag;
import org.conditionalfeed.http.HttpDates;

/**
 * The validators this server sent recently for each feed: the last {@value #TAGS} entity tags
 * (identity and gzip of the last few versions) and the last {@value #DATES} {@code Last-Modified}
 * values, so that a validator a reader sends back can be told echoed (sent by this server) from
 * made up (never sent: an invented date, a tag of some other server). A validator older than
 * these counts as made up; readers hold the newest one. What is new is saved with the reader
 * statistics and read again at start, so a restart does not make honest readers look like
 * inventors.
 *
 * <p>Bounded: at most {@value #FEEDS} feeds. Thread-safe; each feed's memory is locked briefly.
 */
final class ValidatorMemory {

    static final int TAGS = 8;
    static final int DATES = 4;
    static final int FEEDS = 1_000;

    /** What a request's validators were. */
    enum Echo {
        NONE, ECHOED, MADE_UP
    }

    /** One validator sent for a feed, for saving: {@code kind} 'E' for an entity tag, 'D' for a date. */
    record Sent(String feed, char kind, String value) {
    }

    private final Cache<String, Feed> feeds = Caffeine.newBuilder().maximumSize(FEEDS).build();

    /** Remembers the validators a response for {@code feed} carried (either may be {@code null}). */
    void remember(String feed, String etag, String lastModified) {
        if (etag == null && lastModified == null) {
            return;
        }
        feeds.get(feed, Feed::new).remember(etag, lastModified);
    }

    /**
     * Classifies a request's validators: {@code If-None-Match} when present (it is what the
     * server goes by), else {@code If-Modified-Since}.
     */
    Echo classify(String feed, String ifNoneMatch, String ifModifiedSince, long nowMillis) {
        boolean tag = ifNoneMatch != null && !ifNoneMatch.isBlank();
        boolean date = ifModifiedSince != null && !ifModifiedSince.isBlank();
        if (!tag && !date) {
            return Echo.NONE;
        }
        Feed memory = feeds.getIfPresent(feed);
        if (memory == null) {
            return Echo.MADE_UP;
        }
        return (tag ? memory.sentTag(ifNoneMatch) : memory.sentDate(ifModifiedSince, Instant.ofEpochMilli(nowMillis))) ? Echo.ECHOED : Echo.MADE_UP;
    }

    /** The validators remembered since the last call, oldest first, for saving. */
    List<Sent> unsaved() {
        List<Sent> all = new ArrayList<>();
        feeds.asMap().forEach((name, feed) -> feed.drainUnsaved(name, all));
        return all;
    }

    /** Restores validators saved before, oldest first. */
    void restore(List<Sent> saved) {
        for (Sent sent : saved) {
            Feed feed = feeds.get(sent.feed(), Feed::new);
            if (sent.kind() == 'E') {
                feed.remember(sent.value(), null);
            } else {
                feed.remember(null, sent.value());
            }
        }
        feeds.asMap().values().forEach(feed -> feed.drainUnsaved("", new ArrayList<>()));
    }

    /**
     * The memory of one feed: the last few tags and dates sent, each kept as an array that is
     * replaced, never changed, so the requests of every reader read it without a lock; only a
     * validator not seen before (once per change of the feed) takes the lock to add itself.
     */
    private static final class Feed {
        private volatile String[] tags = new String[0];
        private volatile String[] dates = new String[0];
        private final List<Sent> unsaved = new ArrayList<>();

        @SuppressWarnings("unused")
        Feed(String name) {
        }

        void remember(String etag, String lastModified) {
            boolean newTag = etag != null && !contains(tags, etag);
            boolean newDate = lastModified != null && !contains(dates, lastModified);
            if (newTag || newDate) {
                add(newTag ? etag : null, newDate ? lastModified : null);
            }
        }

        private synchronized void add(String etag, String lastModified) {
            if (etag != null && !contains(tags, etag)) {
                tags = newestFirst(tags, etag, TAGS);
                unsaved.add(new Sent(null, 'E', etag));
            }
            if (lastModified != null && !contains(dates, lastModified)) {
                dates = newestFirst(dates, lastModified, DATES);
                unsaved.add(new Sent(null, 'D', lastModified));
            }
        }

        boolean sentTag(String ifNoneMatch) {
            String[] sentTags = tags;
            if (contains(sentTags, ifNoneMatch)) {
                return true;
            }
            // A list, or a tag weakened by a proxy: any tag listed that this server sent.
            Optional<List<EntityTag>> listed = EntityTag.parseList(ifNoneMatch);
            if (listed.isEmpty()) {
                return false;
            }
            for (EntityTag candidate : listed.get()) {
                if (contains(sentTags, EntityTag.strong(candidate.opaque()).toHeaderValue())) {
                    return true;
                }
            }
            return false;
        }

        /** @param now places a two-digit year of an RFC 850 date in its century */
        boolean sentDate(String ifModifiedSince, Instant now) {
            String[] sentDates = dates;
            if (contains(sentDates, ifModifiedSince)) {
                return true;
            }
            // The same instant written in another of HTTP's date formats is still an echo.
            Optional<Instant> asked = HttpDates.parse(ifModifiedSince, now);
            if (asked.isEmpty()) {
                return false;
            }
            for (String sent : sentDates) {
                if (HttpDates.parse(sent, now).equals(asked)) {
                    return true;
                }
            }
            return false;
        }

        synchronized void drainUnsaved(String name, List<Sent> into) {
            for (Sent sent : unsaved) {
                into.add(new Sent(name, sent.kind(), sent.value()));
            }
            unsaved.clear();
        }

        /** {@code value} followed by the newest of {@code kept}, at most {@code limit} in all. */
        private static String[] newestFirst(String[] kept, String value, int limit) {
            String[] next = new String[Math.min(limit, kept.length + 1)];
            next[0] = value;
            System.arraycopy(kept, 0, next, 1, next.length - 1);
            return next;
        }

        private static boolean contains(String[] kept, String value) {
            for (String sent : kept) {
                if (sent.equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}

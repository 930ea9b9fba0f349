package org.conditionalfeed.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.conditionalfeed.http.EntityTag;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.http.Validators;
import org.conditionalfeed.store.ExcerptRepository;
import org.conditionalfeed.store.ExcerptSlice;
import org.conditionalfeed.store.FeedIndex;
import org.conditionalfeed.store.FeedIndexRepository;
import org.conditionalfeed.store.FeedState;
import org.conditionalfeed.store.FeedStateRepository;
import org.conditionalfeed.store.FeedVersion;
import org.conditionalfeed.store.FeedVersionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rendered feeds, every format of the main feed and of each category, identity and
 * gzip, in a bounded cache, and decides which feeds a change touches.
 *
 * <p>Each request asks {@link FeedStateRepository} for the current revision (from memory when
 * this process is the database's only user, else one primary-key lookup). A feed kept for that
 * revision is answered at once, so a blog with a thousand categories costs a request no more
 * than one with one. After a change, the first request for a feed (or {@link #prepare()}, right
 * after a commit of this process) reads the {@link FeedIndex} of the new revision, once for all
 * feeds and only for the categories changed since the previous one, and compares the feed's
 * stamp (the revision of the latest change to its entries) with the one its kept bytes were
 * rendered from: unchanged, the kept bytes stay, under the new revision, with no render; moved,
 * the feed is read and rendered again. So a change renders only the feeds whose entries it
 * touched: the main feeds and those of the categories of the entry it created, edited or deleted.
 *
 * <p>Validators per feed: the entity tag is a digest of the exact bytes
 * ({@link Representation#contentAddressed}); {@code Last-Modified} is the time recorded in the
 * database for the feed's current bytes ({@link FeedVersionRepository}), which moves only when
 * its bytes change, and never earlier than the latest start
 * ({@link FeedStateRepository#claimRestart()}). The bytes are a pure function of the settings and
 * the entries ({@link FormatRenderer}), so every instance and every restart derive the same
 * validators for the same feed.
 *
 * <p>Later pages of the HTML listings ({@code ?page=2} and beyond) are rendered only when asked
 * for, a few at once ({@link PageRenders}), and record nothing: their {@code Last-Modified} is the
 * time of the latest change to their listing's entries (the feed state's for all entries, the
 * category's for one category), read with the entries, and never earlier than the latest start.
 * Every change that can alter such a page moves that time, so it is never stale, and every
 * instance derives the same one; a change that leaves the page's bytes alone (an edit of an entry
 * on another page) moves it too, its entity tag not.
 *
 * <p>Thread-safe: kept feeds are immutable values; concurrent renders of the same feed are
 * harmless (they record the same digest) and the newest revision wins.
 */
public final class FeedPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPublisher.class);

    /** Entries rendered by the warm-up, and their bodies' size: every path compiled at little cost. */
    private static final int WARM_UP_ITEMS = 20;
    private static final int WARM_UP_ITEM_BYTES = 1024;
    /** Bytes of rendered feeds kept, identity and gzip together. */
    private static final long KEPT_BYTES = 32L << 20;
    /** Renders of one feed for one request, when other instances' writes keep overtaking them. */
    private static final int RENDER_ATTEMPTS = 10;

    private final ExcerptRepository excerpts;
    private final FeedIndexRepository indexes;
    private final FeedVersionRepository versions;
    private final FeedStateRepository feedState;
    private final FeedChannel channel;
    private final FeedChanges changes;
    private final FeedRenderers renderers;
    private final PageRenders pageRenders = new PageRenders();
    private final Cache<FeedKey, KeptFeed> kept = Caffeine.newBuilder()
            .maximumWeight(KEPT_BYTES)
            .weigher((FeedKey key, KeptFeed feed) -> feed.weight())
            .build();
    private final AtomicReference<FeedIndex> index = new AtomicReference<>();
    /** Serializes {@link #prepare()}; guards {@link #prepared}. */
    private final Object preparing = new Object();
    private FeedIndex prepared;
    private volatile LongConsumer renderTimes = nanos -> { };

    public FeedPublisher(ExcerptRepository excerpts, FeedIndexRepository indexes, FeedVersionRepository versions,
            FeedStateRepository feedState, FeedChannel channel, FeedRenderers renderers, FeedChanges changes) {
        this.excerpts = excerpts;
        this.indexes = indexes;
        this.versions = versions;
        this.feedState = feedState;
        this.channel = channel;
        this.changes = changes;
        this.renderers = renderers;
    }

    /**
     * Renders, right after a change this process committed (in the writing thread, before the
     * write is answered) and once at start, every feed the change touched, so the next reader gets
     * pre-rendered bytes, and tells {@link FeedChanges} which feeds' bytes changed. Whatever goes
     * wrong, even an {@link Error}, is logged in one line and not thrown: the change is committed
     * and its writer must get its answer; the next request renders instead.
     */
    public void prepare() {
        try {
            Set<String> changed = new TreeSet<>();
            synchronized (preparing) {
                FeedIndex after = indexAt(feedState.current().revision());
                for (FeedKey key : touched(prepared, after)) {
                    current(key, changed);
                }
                if (prepared == null || after.state().revision() > prepared.state().revision()) {
                    prepared = after;
                }
            }
            versions.forceRecorded();
            changes.changed(changed);
        } catch (Throwable e) {
            LOG.warn("Could not render the feeds ahead of their readers; the next request will: {}", e.toString());
        }
    }

    /**
     * The feeds whose entries may differ between two indexes: the main feeds, and those of each
     * category whose revision moved. Without an earlier index (at start), the main feeds.
     */
    private static List<FeedKey> touched(FeedIndex before, FeedIndex after) {
        List<FeedKey> touched = new ArrayList<>();
        for (FeedFormat format : FeedFormat.values()) {
            touched.add(FeedKey.main(format));
        }
        if (before != null) {
            after.categories().forEach((category, revision) -> {
                if (!Objects.equals(revision, before.categories().get(category))) {
                    for (FeedFormat format : FeedFormat.values()) {
                        touched.add(new FeedKey(category, format));
                    }
                }
            });
        }
        return touched;
    }

    /**
     * Renders the current entries {@code rounds} times, cycling through the formats, and discards
     * the results, so that the JIT has compiled the render paths (ROME, JDOM, Jackson, jsoup,
     * gzip) before the first change needs them. Meant for a background thread at start; returns
     * early when {@code stop} says so.
     */
    public void warmUp(int rounds, BooleanSupplier stop) {
        long started = System.nanoTime();
        FeedChannel small = new FeedChannel(channel.title(), channel.description(), channel.baseUrl(),
                channel.maxItems(), Math.min(channel.itemMaxBytes(), WARM_UP_ITEM_BYTES), channel.language());
        ExcerptSlice slice = excerpts.newest(Math.min(WARM_UP_ITEMS, channel.maxItems()), small.itemMaxBytes(),
                ItemBodies.FEED_BUDGET_BYTES);
        FeedFormat[] formats = FeedFormat.values();
        int done = 0;
        while (done < rounds && !stop.getAsBoolean()) {
            FeedKey key = FeedKey.main(formats[done % formats.length]);
            byte[] body = renderers.of(key.format()).render(FeedView.of(small, key, slice.excerpts()));
            Representation.contentAddressed(body, key.format().contentType(), Instant.EPOCH).gzippedContentAddressed();
            done++;
        }
        LOG.info("Render paths warmed up: {} renders in {} ms", done, (System.nanoTime() - started) / 1_000_000);
    }

    /** The main RSS feed as it is now. */
    public FeedSnapshot current() {
        return current(FeedKey.main(FeedFormat.RSS)).orElseThrow();
    }

    /**
     * The feed or page {@code key} as it is now; empty for a category that no entry has, or a page
     * past the last.
     */
    public Optional<FeedSnapshot> current(FeedKey key) {
        Set<String> changed = new HashSet<>(2);
        Optional<FeedSnapshot> snapshot = current(key, changed);
        changes.changed(changed);
        return snapshot;
    }

    /** The categories in use at the current revision, sorted. */
    public Set<String> categories() {
        return indexAt(feedState.current().revision()).categories().keySet();
    }

    private Optional<FeedSnapshot> current(FeedKey key, Collection<String> changed) {
        FeedState state = feedState.current();
        KeptFeed known = kept.getIfPresent(key);
        if (known != null && known.revision() >= state.revision()) {
            return Optional.of(known.snapshot());
        }
        long wanted = state.revision();
        for (int attempt = 0; attempt < RENDER_ATTEMPTS; attempt++) {
            FeedIndex current = indexAt(wanted);
            OptionalLong stamp = current.stamp(key.category());
            if (stamp.isEmpty() || (long) (key.page() - 1) * ListingRenderer.PER_PAGE >= current.entries(key.category())
                    && key.page() > 1) {
                kept.invalidate(key);
                return Optional.empty();
            }
            Optional<KeptFeed> fresh = known != null && known.stamp() == stamp.getAsLong()
                    ? Optional.of(known.at(current)) : renderInTurn(key, current, changed);
            if (fresh.isPresent()) {
                KeptFeed newest = kept.asMap().merge(key, fresh.get(),
                        (old, neu) -> old.revision() >= neu.revision() ? old : neu);
                return Optional.of(newest.snapshot());
            }
            // Bytes of a later revision are recorded already: read the index of that one.
            wanted = current.state().revision() + 1;
        }
        throw new Busy("the entries of " + key.path() + " changed " + RENDER_ATTEMPTS + " times while it was rendered",
                "The feed is changing faster than it can be rendered: ask again in a second", 1);
    }

    /**
     * A feed or page that could not be rendered now: writes kept landing faster than it could be
     * rendered, or too many later pages were being rendered at once ({@link PageRenders}); asking
     * again shortly will do.
     */
    static final class Busy extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String answer;
        private final int retryAfterSeconds;

        /**
         * @param message what happened, for the log
         * @param answer what the client is told, one line
         * @param retryAfterSeconds when it may ask again
         */
        Busy(String message, String answer, int retryAfterSeconds) {
            super(message);
            this.answer = answer;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        String answer() {
            return answer;
        }

        int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The index of {@code revision} or a later one: read once per revision, for all feeds. */
    private FeedIndex indexAt(long revision) {
        FeedIndex known = index.get();
        if (known != null && known.state().revision() >= revision) {
            return known;
        }
        FeedIndex read = indexes.read(known);
        return index.accumulateAndGet(read,
                (old, neu) -> old != null && old.state().revision() >= neu.state().revision() ? old : neu);
    }

    /**
     * {@link #render}s {@code key}; a later page of a listing only in one of {@link #pageRenders}'
     * slots, and not at all when another request rendered it for this revision meanwhile.
     */
    private Optional<KeptFeed> renderInTurn(FeedKey key, FeedIndex current, Collection<String> changed) {
        if (key.page() == 1) {
            return render(key, current, changed);
        }
        return pageRenders.render(key.path(), () -> {
            KeptFeed meanwhile = kept.getIfPresent(key);
            return meanwhile != null && meanwhile.revision() >= current.state().revision()
                    ? Optional.of(meanwhile) : render(key, current, changed);
        });
    }

    /**
     * Reads and renders {@code key}'s newest entries, and records the digest of the bytes; empty
     * when bytes of a later revision are recorded already. The entries are read at
     * {@code current}'s revision or a later one: the bytes are kept as current at
     * {@code current}'s revision, with the stamp of the revision they were read at, so any later
     * change to them shows as a moved stamp.
     */
    private Optional<KeptFeed> render(FeedKey key, FeedIndex current, Collection<String> changed) {
        long started = System.nanoTime();
        ExcerptSlice slice = key.isFeed()
                ? excerpts.newest(key.category(), 0, channel.maxItems(), channel.itemMaxBytes(), ItemBodies.FEED_BUDGET_BYTES)
                : excerpts.newest(key.category(), (key.page() - 1) * ListingRenderer.PER_PAGE,
                        ListingRenderer.PER_PAGE + 1, ListingRenderer.READ_CHARS, ItemBodies.FEED_BUDGET_BYTES);
        byte[] body = renderers.of(key.format()).render(FeedView.of(channel, key, slice.excerpts()));
        EntityTag tag = EntityTag.ofBytes(body);
        Instant modified = slice.changed();
        String outcome = "Last-Modified of the latest change to its entries";
        if (key.page() == 1) {
            FeedVersion version = versions.record(key.path(), tag.opaque(), slice.state(), current.restarted());
            if (version.stale()) {
                return Optional.empty();
            }
            if (version.changed() && key.isFeed()) {
                changed.add(key.path());
            }
            modified = version.modified();
            outcome = version.changed() ? "new bytes" : "bytes unchanged";
        }
        Representation identity = new Representation(body, key.format().contentType(), null,
                new Validators(tag, KeptFeed.later(modified, current.restarted())));
        KeptFeed rendered = new KeptFeed(new FeedSnapshot(current.state().revision(), identity,
                identity.gzippedContentAddressed()), slice.stamp(), modified);
        renderTimes.accept(System.nanoTime() - started);
        if (LOG.isInfoEnabled()) {
            LOG.info("Rendered {} at revision {} ({} items, {} bytes, {} bytes gzip, {}) in {} ms, reading included",
                    key.path(), slice.state().revision(), slice.excerpts().size(), body.length,
                    rendered.snapshot().gzip().body().length, outcome,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
        }
        return Optional.of(rendered);
    }

    /** Reports the duration of each render of a feed, reading included, in nanoseconds. */
    public void timeRenders(LongConsumer nanos) {
        this.renderTimes = nanos;
    }
}

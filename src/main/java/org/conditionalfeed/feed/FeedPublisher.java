package org.conditionalfeed.feed;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.ExcerptRepository;
import org.conditionalfeed.store.ExcerptSlice;
import org.conditionalfeed.store.FeedState;
import org.conditionalfeed.store.FeedStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rendered feed of the newest revision, identity and gzip. Each request asks
 * {@link FeedStateRepository} for the current revision (from memory when this process is the
 * database's only user, else one primary-key lookup, so a write through any instance sharing the
 * database is seen by the very next request); only when it differs from the kept snapshot does
 * it read the newest entries and render again. A change this process commits is rendered
 * right after the commit, by {@link #prepare()}, before the write is answered. What it reads and
 * renders is bounded ({@link ItemBodies}): a bounded excerpt of each entry's content, never the
 * whole of a large one.
 *
 * <p>Each entity tag, identity and gzip, is a digest of the exact bytes it is sent with
 * ({@link Representation#contentAddressed}). The database's revision only says when to render
 * again; it is not part of any tag. A revision counter restarts at 1 in a recreated database
 * and goes back in a restored one, so a tag made from it could name other bytes than a reader
 * holds; a digest of the bytes cannot, whatever happens to the database, and since the bytes are
 * a pure function of the settings and the entries ({@link FeedRenderer}), every instance and
 * every restart derive the same tags for the same feed. {@code Last-Modified} is the feed
 * state's modification time, which moves forward with every change and past every earlier
 * {@code Last-Modified} at each start
 * ({@link FeedStateRepository#claimRestart()}); it is not part of the bytes, so a restart leaves
 * the tags alone.
 *
 * <p>Thread-safe: the snapshot is an immutable value behind an atomic reference; concurrent
 * renders of the same revision are harmless and the newest revision wins.
 */
public final class FeedPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPublisher.class);

    /** Entries rendered by the warm-up, and their bodies' size: every path compiled at little cost. */
    private static final int WARM_UP_ITEMS = 20;
    private static final int WARM_UP_ITEM_BYTES = 1024;

    private final ExcerptRepository excerpts;
    private final FeedStateRepository feedState;
    private final FeedRenderer renderer;
    private final FeedChannel channel;
    private final AtomicReference<FeedSnapshot> latest = new AtomicReference<>();
    private volatile LongConsumer renderTimes = nanos -> { };

    public FeedPublisher(ExcerptRepository excerpts, FeedStateRepository feedState, FeedRenderer renderer,
            FeedChannel channel) {
        this.excerpts = excerpts;
        this.feedState = feedState;
        this.renderer = renderer;
        this.channel = channel;
    }

    /**
     * Renders the current revision now, unless it is already kept, so the next reader gets
     * pre-rendered bytes. Called after each change this process commits, in the writing thread
     * before the write is answered, and once at start. Whatever goes wrong, even an
     * {@link Error}, is logged in one line and not thrown: the change is committed and its
     * writer must get its answer; the next request renders instead.
     */
    public void prepare() {
        try {
            current();
        } catch (Throwable e) {
            LOG.warn("Could not render the feed ahead of its readers; the next request will: {}", e.toString());
        }
    }

    /**
     * Renders the current entries {@code rounds} times and discards the results, so that the
     * JIT has compiled the render path (ROME, JDOM, gzip) before the first change needs it: a
     * render takes tens of milliseconds while that code is still interpreted, a few once it is
     * compiled. Meant for a background thread at start; returns early when {@code stop} says so.
     */
    public void warmUp(int rounds, BooleanSupplier stop) {
        long started = System.nanoTime();
        ExcerptSlice slice = read();
        List<Entry> few = ItemBodies.bounded(warmUpChannel(), slice.excerpts())
                .subList(0, Math.min(WARM_UP_ITEMS, slice.excerpts().size()));
        int done = 0;
        while (done < rounds && !stop.getAsBoolean()) {
            snapshotOf(slice.state(), few);
            done++;
        }
        LOG.info("Render path warmed up: {} renders in {} ms", done, (System.nanoTime() - started) / 1_000_000);
    }

    /** The feed as it is now. */
    public FeedSnapshot current() {
        FeedState state = feedState.current();
        FeedSnapshot snapshot = latest.get();
        if (snapshot != null && snapshot.revision() >= state.revision()) {
            return snapshot;
        }
        long started = System.nanoTime();
        FeedSnapshot rendered = render(read(), started);
        return latest.accumulateAndGet(rendered,
                (kept, fresh) -> kept != null && kept.revision() >= fresh.revision() ? kept : fresh);
    }

    private FeedChannel warmUpChannel() {
        return new FeedChannel(channel.title(), channel.description(), channel.baseUrl(), channel.maxItems(),
                Math.min(channel.itemMaxBytes(), WARM_UP_ITEM_BYTES));
    }

    private ExcerptSlice read() {
        return excerpts.newest(channel.maxItems(), channel.itemMaxBytes(), ItemBodies.FEED_BUDGET_BYTES);
    }

    private FeedSnapshot snapshotOf(FeedState state, List<Entry> shown) {
        byte[] body = renderer.render(channel, shown);
        Representation identity = Representation.contentAddressed(body, FeedRenderer.CONTENT_TYPE, state.modified());
        return new FeedSnapshot(state.revision(), identity, identity.gzippedContentAddressed());
    }

    /** Reports the duration of each render for a new revision, reading included, in nanoseconds. */
    public void timeRenders(LongConsumer nanos) {
        this.renderTimes = nanos;
    }

    /** Renders what {@code slice} holds; {@code started} is when reading it began, for the log. */
    private FeedSnapshot render(ExcerptSlice slice, long started) {
        FeedState state = slice.state();
        FeedSnapshot snapshot = snapshotOf(state, ItemBodies.bounded(channel, slice.excerpts()));
        byte[] body = snapshot.identity().body();
        renderTimes.accept(System.nanoTime() - started);
        if (LOG.isInfoEnabled()) {
            LOG.info("Rendered feed revision {} ({} items, {} bytes, {} bytes gzip) in {} ms, reading included",
                    state.revision(), slice.excerpts().size(), body.length, snapshot.gzip().body().length,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
        }
        return snapshot;
    }
}

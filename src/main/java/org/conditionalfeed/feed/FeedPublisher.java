package org.conditionalfeed.feed;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.conditionalfeed.http.EntityTag;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.http.Validators;
import org.conditionalfeed.store.EntryRepository;
import org.conditionalfeed.store.FeedSlice;
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
 * right after the commit, by {@link #prepare()}, before the write is answered.
 *
 * <p>The entity tag is {@code "<revision>-<settings fingerprint>"}: the revision comes from the
 * database, so it is the same on every instance and after restarts, and never names two
 * different contents.
 *
 * <p>Thread-safe: the snapshot is an immutable value behind an atomic reference; concurrent
 * renders of the same revision are harmless and the newest revision wins.
 */
public final class FeedPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPublisher.class);

    private final EntryRepository entries;
    private final FeedStateRepository feedState;
    private final FeedRenderer renderer;
    private final FeedChannel channel;
    private final String fingerprint;
    private final AtomicReference<FeedSnapshot> latest = new AtomicReference<>();
    private volatile LongConsumer renderTimes = nanos -> { };

    public FeedPublisher(EntryRepository entries, FeedStateRepository feedState, FeedRenderer renderer,
            FeedChannel channel) {
        this.entries = entries;
        this.feedState = feedState;
        this.renderer = renderer;
        this.channel = channel;
        this.fingerprint = channel.fingerprint();
    }

    /**
     * Renders the current revision now, unless it is already kept, so the next reader gets
     * pre-rendered bytes. Called after each change this process commits and once at start; a
     * failure is logged, and the next request renders instead.
     */
    public void prepare() {
        try {
            current();
        } catch (RuntimeException e) {
            LOG.warn("Could not render the feed ahead of its readers; the next request will: {}", e.toString(), e);
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
        FeedSlice slice = entries.feed(channel.maxItems());
        int done = 0;
        while (done < rounds && !stop.getAsBoolean()) {
            snapshotOf(slice);
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
        FeedSnapshot rendered = render(entries.feed(channel.maxItems()), started);
        return latest.accumulateAndGet(rendered,
                (kept, fresh) -> kept != null && kept.revision() >= fresh.revision() ? kept : fresh);
    }

    private FeedSnapshot snapshotOf(FeedSlice slice) {
        FeedState state = slice.state();
        byte[] body = renderer.render(channel, slice.entries(), state.modified());
        Validators validators = new Validators(EntityTag.strong(state.revision() + "-" + fingerprint), state.modified());
        Representation identity = new Representation(body, FeedRenderer.CONTENT_TYPE, null, validators);
        return new FeedSnapshot(state.revision(), identity, identity.gzipped());
    }

    /** Reports the duration of each render for a new revision, reading included, in nanoseconds. */
    public void timeRenders(LongConsumer nanos) {
        this.renderTimes = nanos;
    }

    /** Renders what {@code slice} holds; {@code started} is when reading it began, for the log. */
    private FeedSnapshot render(FeedSlice slice, long started) {
        FeedState state = slice.state();
        FeedSnapshot snapshot = snapshotOf(slice);
        byte[] body = snapshot.identity().body();
        renderTimes.accept(System.nanoTime() - started);
        if (LOG.isInfoEnabled()) {
            LOG.info("Rendered feed revision {} ({} items, {} bytes, {} bytes gzip) in {} ms, reading included",
                    state.revision(), slice.entries().size(), body.length, snapshot.gzip().body().length,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
        }
        return snapshot;
    }
}

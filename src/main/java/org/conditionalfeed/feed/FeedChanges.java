package org.conditionalfeed.feed;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whoever listens which feeds' bytes changed: the paths (relative to the application's
 * root, e.g. {@code /feed.xml}, {@code /categories/java/feed.atom}) of the feeds whose identity
 * bytes got a new digest (feeds only, not their HTML pages). After each change this process
 * commits, the feeds it affects are
 * rendered before the write is answered, and the listeners get one call with every path among
 * them whose bytes changed (none when no feed changed). A render at a reader's request, of a
 * change another instance made or of a feed evicted from memory, that finds new bytes calls the
 * listeners too, with that one path. Each change of a feed's bytes is reported once among all
 * instances sharing a database: by the one that recorded the new digest first
 * ({@code store.FeedVersionRepository}).
 *
 * <p>Listeners run in the thread that rendered, the writer's or a reader's, so they should hand
 * slow work (a WebSub ping) to a thread of their own. A listener that throws is logged and the
 * others still run.
 *
 * <p>Thread-safe.
 */
public final class FeedChanges {

    private static final Logger LOG = LoggerFactory.getLogger(FeedChanges.class);

    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} with the paths of the feeds whose bytes changed, after each such change. */
    public void onChange(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    void changed(Set<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        Set<String> reported = Set.copyOf(paths);
        for (Consumer<Set<String>> listener : listeners) {
            try {
                listener.accept(reported);
            } catch (RuntimeException e) {
                LOG.warn("A listener to feed changes failed for {}: {}", reported, e.toString());
            }
        }
    }
}

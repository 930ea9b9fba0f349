package org.conditionalfeed.thumbs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.conditionalfeed.media.Media;
import org.conditionalfeed.media.MediaStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets thumbnails, making each once. A thumbnail is looked for in a small in-memory cache of
 * recently served ones, then in the database; only when neither has it is it made, together
 * with the medium's other widths from one decode, on a pool of {@value #THREADS} thread(s) of its
 * own with a queue of {@value #QUEUE} media (a request finding the queue full is answered
 * "busy"), so making thumbnails never takes the request threads' CPU for long nor memory beyond
 * one decode per thread. Concurrent first requests for a medium's thumbnails share one making
 * through a map of in-flight futures (at most one per queued or running making); across
 * instances the database's first row wins. A source that cannot be decoded is remembered for a
 * while, so it is not decoded again and again.
 *
 * <p>Thread-safe. {@link #close()} stops the pool.
 */
public final class Thumbnails implements AutoCloseable {

    static final int THREADS = 1;
    static final int QUEUE = 64;
    /** How long a request waits for its thumbnail to be made before it is answered "try again". */
    static final Duration WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Thumbnails.class);
    private static final long CACHE_BYTES = 16L * 1024 * 1024;

    /** A thumbnail's key. */
    private record Key(long mediaId, int width) {
    }

    private final ThumbnailStore store;
    private final ThumbnailGenerator generator;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final Map<Long, CompletableFuture<Map<Integer, Thumbnail>>> making = new ConcurrentHashMap<>();
    private final Cache<Key, Thumbnail> recent = Caffeine.newBuilder()
            .maximumWeight(CACHE_BYTES)
            .weigher((Key key, Thumbnail thumbnail) -> thumbnail.bytes().length)
            .build();
    private final Cache<Long, String> undecodable = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public Thumbnails(MediaStore media, Jdbi jdbi, Clock clock) {
        this.store = new ThumbnailStore(jdbi);
        this.generator = new ThumbnailGenerator(source -> new ChunkImageInputStream(
                seq -> media.chunk(source.id(), seq).orElseThrow(() -> new SourceGone(
                        "medium " + source.id() + " was deleted")), source.length(), MediaStore.CHUNK_SIZE));
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                task -> {
                    Thread thread = new Thread(task, "thumbnail-maker-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** How many source images have been decoded since start: each costs one, once, for all widths. */
    public long decodes() {
        return generator.decodes();
    }

    /**
     * The thumbnail of an image at one of {@link ThumbnailSize#WIDTHS}, made if need be; waits
     * up to {@link #WAIT} for it.
     *
     * @throws ThumbnailUnavailable when it cannot be had, with the status to answer
     */
    Thumbnail get(Media media, int width) throws ThumbnailUnavailable {
        Key key = new Key(media.id(), width);
        Thumbnail cached = recent.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Optional<Thumbnail> stored = store.find(media.id(), width);
        if (stored.isPresent()) {
            recent.put(key, stored.get());
            return stored.get();
        }
        String failure = undecodable.getIfPresent(media.id());
        if (failure != null) {
            throw ThumbnailUnavailable.undecodable(failure);
        }
        CompletableFuture<Map<Integer, Thumbnail>> all;
        try {
            all = making.computeIfAbsent(media.id(),
                    id -> CompletableFuture.supplyAsync(() -> makeAll(media), pool));
        } catch (RejectedExecutionException e) {
            throw ThumbnailUnavailable.busy();
        }
        all.whenComplete((made, error) -> making.remove(media.id(), all));
        try {
            return all.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get(width);
        } catch (TimeoutException e) {
            throw ThumbnailUnavailable.busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ThumbnailUnavailable.busy();
        } catch (ExecutionException e) {
            throw failure(media, e.getCause());
        }
    }

    /**
     * On the pool: the medium's thumbnails at every width; those stored already (another
     * instance may have made them) are read, else all are made from one decode and stored.
     */
    private Map<Integer, Thumbnail> makeAll(Media media) {
        Map<Integer, Thumbnail> stored = store.findAll(media.id());
        if (stored.keySet().containsAll(ThumbnailSize.WIDTHS)) {
            return stored;
        }
        long started = System.nanoTime();
        Map<Integer, Thumbnail> made;
        try {
            made = generator.generate(media, ThumbnailSize.WIDTHS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, Thumbnail> kept = new TreeMap<>();
        boolean anotherInstance = false;
        for (Map.Entry<Integer, Thumbnail> thumbnail : made.entrySet()) {
            Thumbnail keptOne = store.keep(media.id(), thumbnail.getKey(), thumbnail.getValue(), clock.instant());
            anotherInstance |= keptOne != thumbnail.getValue();
            kept.put(thumbnail.getKey(), keptOne);
            recent.put(new Key(media.id(), thumbnail.getKey()), keptOne);
        }
        LOG.info("Thumbnails of medium {} made from one decode in {} ms: {}, {}{}", media.id(),
                (System.nanoTime() - started) / 1_000_000, kept.values().iterator().next().type(),
                kept.entrySet().stream().map(e -> e.getKey() + " px " + e.getValue().bytes().length + " bytes")
                        .collect(Collectors.joining(", ")),
                anotherInstance ? " (another instance stored some first)" : "");
        return kept;
    }

    private ThumbnailUnavailable failure(Media media, Throwable cause) {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure instanceof SourceGone) {
            return ThumbnailUnavailable.gone();
        }
        if (failure instanceof UncheckedIOException e) {
            String reason = e.getCause().getMessage();
            LOG.warn("No thumbnails of medium {} ({}): {}", media.id(), media.type(), reason);
            undecodable.put(media.id(), reason);
            return ThumbnailUnavailable.undecodable(reason);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    /** Stops making thumbnails, and releases the image plugins of a WAR being undeployed. */
    @Override
    public void close() {
        pool.shutdownNow();
        ImageCodecs.releasePluginsOf(Thumbnails.class.getClassLoader());
    }
}

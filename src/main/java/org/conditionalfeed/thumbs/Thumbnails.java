package org.conditionalfeed.thumbs;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.conditionalfeed.media.Media;
import org.conditionalfeed.media.MediaStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets thumbnails, making each once. A thumbnail is looked for in a small in-memory cache, then
 * in the database; only when neither has it is it made, on a pool of {@value #THREADS} thread(s)
 * of its own with a queue of {@value #QUEUE} (a request finding it full is answered "busy"), so
 * making thumbnails never takes the request threads' CPU for long nor memory beyond one decode
 * per thread. Concurrent first requests for one thumbnail share one making: the in-flight future
 * is held in a Caffeine {@link AsyncCache}; across instances the database's first row wins.
 * A source that cannot be decoded is remembered for a while, so it is not decoded again and again.
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
    private final AsyncCache<Key, Thumbnail> made;
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
        this.made = Caffeine.newBuilder()
                .maximumWeight(CACHE_BYTES)
                .weigher((Key key, Thumbnail thumbnail) -> thumbnail.bytes().length)
                .buildAsync();
    }

    /** How many source images have been decoded since start: each thumbnail costs one, once. */
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
        CompletableFuture<Thumbnail> thumbnail = made.getIfPresent(key);
        if (thumbnail == null) {
            Optional<Thumbnail> stored = store.find(media.id(), width);
            if (stored.isPresent()) {
                made.put(key, CompletableFuture.completedFuture(stored.get()));
                return stored.get();
            }
            String failure = undecodable.getIfPresent(media.id());
            if (failure != null) {
                throw ThumbnailUnavailable.undecodable(failure);
            }
            try {
                thumbnail = made.get(key, (k, executor) -> CompletableFuture.supplyAsync(() -> make(media, width), pool));
            } catch (RejectedExecutionException e) {
                throw ThumbnailUnavailable.busy();
            }
        }
        try {
            return thumbnail.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ThumbnailUnavailable.busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ThumbnailUnavailable.busy();
        } catch (ExecutionException e) {
            throw failure(media, e.getCause());
        }
    }

    /** On the pool: the stored thumbnail (another instance may have made it), else a new one. */
    private Thumbnail make(Media media, int width) {
        Optional<Thumbnail> stored = store.find(media.id(), width);
        if (stored.isPresent()) {
            return stored.get();
        }
        long started = System.nanoTime();
        Thumbnail thumbnail;
        try {
            thumbnail = generator.generate(media, width);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thumbnail kept = store.keep(media.id(), width, thumbnail, clock.instant());
        LOG.info("Thumbnail of medium {} at {} px made in {} ms: {}, {} bytes{}", media.id(), width,
                (System.nanoTime() - started) / 1_000_000, kept.type(), kept.bytes().length,
                kept == thumbnail ? "" : " (another instance stored it first)");
        return kept;
    }

    private ThumbnailUnavailable failure(Media media, Throwable cause) {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure instanceof SourceGone) {
            return ThumbnailUnavailable.gone();
        }
        if (failure instanceof UncheckedIOException e) {
            String reason = e.getCause().getMessage();
            LOG.warn("No thumbnail of medium {} ({}): {}", media.id(), media.type(), reason);
            undecodable.put(media.id(), reason);
            return ThumbnailUnavailable.undecodable(reason);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

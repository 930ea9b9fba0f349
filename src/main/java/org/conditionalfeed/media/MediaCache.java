package org.conditionalfeed.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local copies of media files, so that downloads are sent from a file with the container's
 * sendfile instead of out of the database. A medium's bytes never change for its id (its URL
 * carries their digest), so a copy, once verified, stays right until the medium is deleted.
 *
 * <ul>
 *   <li>Filled on first download: the request is served from the database as before, and one
 *       background thread copies the medium ({@link CacheFill}: a temporary file, the SHA-256
 *       checked against the row, then an atomic rename). One copy per medium is made at a time
 *       and a failed or evicted one is tried again at most once a minute, so concurrent first
 *       downloads make one file, and a cut copy is never served.</li>
 *   <li>Bounded: at most {@code maxBytes} in all (Caffeine's size eviction, which keeps what is
 *       asked for often; an evicted copy's file is removed). A file larger than the bound is not
 *       copied.</li>
 *   <li>Never the authority: a medium is served only after its row was found, so a copy of a
 *       medium deleted through another instance is never sent (and is evicted in time); a medium
 *       deleted here loses its copy at once ({@link #forget}).</li>
 *   <li>Checked on use: a copy whose size is not the medium's is removed and made again. A copy
 *       this process wrote is trusted otherwise; the copies of an earlier run are removed at
 *       start rather than trusted.</li>
 *   <li>Failures are not errors: an unusable directory, a full disk or a failed copy costs one
 *       log line, and the medium is served from the database.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the copying thread.
 */
public final class MediaCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaCache.class);
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final int QUEUED_FILLS = 1000;

    /** A verified copy of a medium's bytes. */
    private record Copy(Path path, long length) {
    }

    private final Path directory;
    private final long maxBytes;
    private final Cache<Long, Copy> copies;
    private final Cache<Long, Boolean> attempts;
    private final ThreadPoolExecutor filler;
    private final CacheFill fill;

    private MediaCache(Path directory, long maxBytes, MediaStore store) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.copies = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maxBytes / 1024))
                .weigher((Long id, Copy copy) -> CacheFiles.weightKib(copy.length()))
                .evictionListener((Long id, Copy copy, RemovalCause cause) -> {
                    if (copy != null) {
                        delete(copy.path());
                    }
                })
                .build();
        this.attempts = Caffeine.newBuilder().expireAfterWrite(RETRY).maximumSize(100_000).build();
        this.filler = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_FILLS), task -> {
            Thread thread = new Thread(task, "media-cache-fill");
            thread.setDaemon(true);
            return thread;
        });
        filler.allowCoreThreadTimeOut(true);
        this.fill = directory == null ? null : new CacheFill(store, directory);
    }

    /**
     * A cache in {@code directory} of at most {@code maxBytes}; off when {@code maxBytes} is 0 or
     * the directory cannot be made or cleared (one log line says why). Removes the cache's files
     * left by an earlier run, and nothing else.
     */
    public static MediaCache open(Path directory, long maxBytes, MediaStore store) {
        if (maxBytes <= 0) {
            LOG.info("Media cache off (FEED_MEDIA_CACHE_MAX_BYTES=0): media are served from the database");
            return new MediaCache(null, 0, store);
        }
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            try (Stream<Path> files = Files.list(absolute)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (CacheFiles.isOwn(file.getFileName().toString())) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Media cache off: cannot use directory {} ({}); media are served from the database", absolute,
                    e.toString());
            return new MediaCache(null, 0, store);
        }
        LOG.info("Media cache in {}, up to {} bytes (FEED_MEDIA_CACHE_DIR, FEED_MEDIA_CACHE_MAX_BYTES)", absolute,
                maxBytes);
        return new MediaCache(absolute, maxBytes, store);
    }

    /**
     * The verified copy of this medium's bytes, if there is one; if not, one is made in the
     * background (when the medium fits) and the caller serves from the database meanwhile.
     */
    Optional<Path> copy(Media media) {
        if (fill == null) {
            return Optional.empty();
        }
        Copy copy = copies.getIfPresent(media.id());
        if (copy != null) {
            if (copy.length() == media.length() && sizeIs(copy.path(), media.length())) {
                return Optional.of(copy.path());
            }
            LOG.warn("Media cache file {} is not {} bytes long; serving medium {} from the database and copying it again",
                    copy.path(), media.length(), media.id());
            damaged(media.id());
        }
        fillLater(media);
        return Optional.empty();
    }

    /** Drops the copy of a medium found gone or damaged while served; the next download copies it again. */
    void damaged(long id) {
        forget(id);
    }

    /** Drops the copy of a medium, e.g. once it is deleted. */
    public void forget(long id) {
        Copy copy = copies.asMap().remove(id);
        if (copy != null) {
            delete(copy.path());
        }
        attempts.invalidate(id);
    }

    private void fillLater(Media media) {
        if (!CacheFiles.fits(media.length(), maxBytes) || attempts.asMap().putIfAbsent(media.id(), Boolean.TRUE) != null) {
            return;
        }
        try {
            filler.execute(() -> fill.copy(media).ifPresent(path -> admit(media, path)));
        } catch (RejectedExecutionException busy) {
            attempts.invalidate(media.id());
        }
    }

    /** Makes a verified copy servable, unless its medium was deleted while it was made. */
    private void admit(Media media, Path path) {
        copies.put(media.id(), new Copy(path, media.length()));
        if (!fill.stillThere(media)) {
            forget(media.id());
        }
    }

    private static boolean sizeIs(Path path, long length) {
        try {
            return Files.size(path) == length;
        } catch (IOException gone) {
            return false;
        }
    }

    static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not remove media cache file {}: {}", path, e.toString());
        }
    }

    /** Where the copies are; empty when the cache is off. */
    Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    @Override
    public void close() {
        filler.shutdownNow();
    }
}

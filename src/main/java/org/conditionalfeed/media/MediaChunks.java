package org.conditionalfeed.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.conditionalfeed.store.StoreException;

/**
 * The bytes of media on their way out, a chunk at a time, for {@link MediaServlet}:
 * <ul>
 *   <li>Chunks are read from {@link MediaStore} by {@value #READERS} threads of their own, never
 *       by the request threads: only these few threads ever hold the database driver's read
 *       buffers (the JDK keeps a direct buffer per thread for file and socket reads), and no more
 *       reads run at once than the database can use, however many clients download.</li>
 *   <li>While a chunk is written to the client, the next one is read (up to
 *       {@value #READ_AHEAD} chunks read ahead at a time over all downloads, so memory stays
 *       bounded under many of them; beyond that a download reads its next chunk when it needs
 *       it).</li>
 *   <li>Recently read chunks stay in a cache of {@value #CACHE_BYTES} bytes (Caffeine, which
 *       admits what is read often, such as the first chunk that every player's probe asks for).
 *       A chunk never changes for its medium's id, and a medium is served only after its row
 *       was found, so a cached chunk of a deleted medium is never sent.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the readers.
 */
final class MediaChunks implements AutoCloseable {

    static final long CACHE_BYTES = 16L << 20;
    private static final int READERS = 4;
    private static final int READ_AHEAD = 32;

    private record Key(long mediaId, int seq) {
    }

    /** A chunk being read, and whether it holds one of the read-ahead permits until it is taken. */
    private record Pending(CompletableFuture<byte[]> chunk, boolean readAhead) {
    }

    private final MediaStore store;
    private final ThreadPoolExecutor readers;
    private final Semaphore readAhead = new Semaphore(READ_AHEAD);
    private final Cache<Key, byte[]> recent = Caffeine.newBuilder()
            .maximumWeight(CACHE_BYTES)
            .weigher((Key key, byte[] chunk) -> chunk.length)
            .build();

    MediaChunks(MediaStore store) {
        this.store = store;
        AtomicInteger threads = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(READERS, READERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "media-reader-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        readers.allowCoreThreadTimeOut(true);
    }

    /** Copies bytes {@code first .. first + count - 1} of {@code media}, reading only the chunks that hold them. */
    void write(Media media, OutputStream out, long first, long count) throws IOException {
        if (count <= 0) {
            return;
        }
        long end = first + count;
        int last = (int) ((end - 1) / MediaStore.CHUNK_SIZE);
        long position = first;
        Pending next = read(media.id(), (int) (position / MediaStore.CHUNK_SIZE), false);
        try {
            while (position < end) {
                int seq = (int) (position / MediaStore.CHUNK_SIZE);
                Pending current = next;
                next = null;
                byte[] chunk = take(current, media, seq);
                next = seq < last ? read(media.id(), seq + 1, readAhead.tryAcquire()) : null;
                int offset = (int) (position % MediaStore.CHUNK_SIZE);
                int length = (int) Math.min(chunk.length - offset, end - position);
                if (length <= 0) {
                    throw new StoreException("medium " + media.id() + " chunk " + seq + " is shorter than expected", null);
                }
                out.write(chunk, offset, length);
                position += length;
            }
        } finally {
            if (next != null) {
                // The client left, or the read failed: a chunk read ahead is not needed.
                next.chunk().cancel(false);
                release(next);
            }
        }
    }

    private Pending read(long mediaId, int seq, boolean heldReadAhead) {
        Key key = new Key(mediaId, seq);
        byte[] cached = recent.getIfPresent(key);
        if (cached != null) {
            if (heldReadAhead) {
                readAhead.release();
            }
            return new Pending(CompletableFuture.completedFuture(cached), false);
        }
        CompletableFuture<byte[]> chunk = CompletableFuture.supplyAsync(() -> {
            byte[] data = store.chunk(mediaId, seq).orElseThrow(() -> new StoreException(
                    "medium " + mediaId + " lost its chunk " + seq + " (deleted while being served?)", null));
            recent.put(key, data);
            return data;
        }, readers);
        return new Pending(chunk, heldReadAhead);
    }

    private byte[] take(Pending pending, Media media, int seq) throws IOException {
        try {
            return pending.chunk().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading chunk " + seq + " of medium " + media.id());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StoreException("reading chunk " + seq + " of medium " + media.id() + " failed", e.getCause());
        } finally {
            release(pending);
        }
    }

    private void release(Pending pending) {
        if (pending.readAhead()) {
            readAhead.release();
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}

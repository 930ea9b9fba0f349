package org.conditionalfeed.feed;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the renders of later pages of the HTML listings ({@code ?page=2} and beyond) that run at
 * once. Such a page is read with an offset into its listing, so a deep one costs a scan of every
 * newer entry's index row, and any anonymous client can ask for thousands of distinct ones; the
 * feeds and the first pages, which every reader needs, are never held back by it. A render that
 * finds every slot taken waits {@link #WAIT} at most for one, then is refused with
 * {@link FeedPublisher.Busy} ({@code 503} with {@code Retry-After}).
 *
 * <p>Thread-safe.
 */
final class PageRenders {

    /** Renders of later pages at once: half the processors, at least one. */
    static final int SLOTS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** How long a render waits for a slot before it is refused. */
    static final Duration WAIT = Duration.ofMillis(500);
    /** Seconds a refused client is asked to wait ({@code Retry-After}). */
    static final int RETRY_AFTER_SECONDS = 5;

    private final Semaphore slots = new Semaphore(SLOTS, true);

    /**
     * What {@code render} returns, once a slot is free; {@code render} runs holding it.
     *
     * @throws FeedPublisher.Busy when no slot came free within {@link #WAIT}
     */
    <T> T render(String path, Supplier<T> render) {
        if (!acquire()) {
            throw new FeedPublisher.Busy(SLOTS + " later pages were being rendered when " + path + " was asked for",
                    "Too many pages are being rendered at once: ask again in a few seconds", RETRY_AFTER_SECONDS);
        }
        try {
            return render.get();
        } finally {
            slots.release();
        }
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

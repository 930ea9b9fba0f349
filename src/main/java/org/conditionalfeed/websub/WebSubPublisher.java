package org.conditionalfeed.websub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the WebSub hubs when a feed's bytes change. {@link #changed()} only wakes a background
 * thread, so a write is never delayed; that thread reads the current digest of every feed,
 * records in the database which ones differ from the digests recorded before and queues a ping
 * to every hub for each of them ({@link PingOutbox}), then sends the pings that are due
 * ({@link HubClient}). A hub that fails is tried again later ({@link Backoff}); a ping waits in
 * the database meanwhile, across restarts, and after a restart every ping that had failed is
 * tried again at once. The digests are compared at start too, so a change committed just before
 * a crash, whose ping was never queued, is pinged then.
 *
 * <p>With a shared database, the instance that committed a change queues its pings and sends them
 * at once; every instance also looks for due pings every few seconds, so the pings of an
 * instance that stopped are sent by another. Each ping is claimed by one instance only.
 *
 * <p>Thread-safe; {@link #close()} stops the thread, leaving unsent pings in the database.
 */
public final class WebSubPublisher implements AutoCloseable {

    /** The current digest of the bytes of every feed the hubs are told about, keyed by the feed's URL. */
    @FunctionalInterface
    public interface FeedDigests {
        Map<String, String> current();
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebSubPublisher.class);
    /** Pings claimed at once, and how long they stay claimed: long enough to send them all. */
    private static final int BATCH = 5;
    private static final Duration LEASE = HubClient.CONNECT_TIMEOUT.plus(HubClient.REQUEST_TIMEOUT).multipliedBy(BATCH)
            .plusSeconds(30);

    private final PingOutbox outbox;
    private final List<String> hubs;
    private final FeedDigests digests;
    private final Clock clock;
    private final HubClient client = new HubClient();
    private final Backoff backoff;
    private final Duration idlePoll;
    private final Semaphore wake = new Semaphore(0);
    /** Whether the feeds may have changed since their digests were last recorded; at start, they may have. */
    private final AtomicBoolean changed = new AtomicBoolean(true);
    /** Feeds whose bytes are known to have changed, waiting to be queued. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param exclusive whether this process is the database's only user; then nobody else queues
     *     pings, and the database is looked at only when this process changed something or a
     *     retry is due
     */
    public WebSubPublisher(Jdbi jdbi, List<String> hubs, FeedDigests digests, Clock clock, boolean exclusive) {
        this(jdbi, hubs, digests, clock, Backoff.DEFAULT, exclusive ? Duration.ofMinutes(1) : Duration.ofSeconds(5));
    }

    /**
     * @param backoff when to retry a failed ping
     * @param idlePoll how often to look for due pings when none is known to be due
     */
    WebSubPublisher(Jdbi jdbi, List<String> hubs, FeedDigests digests, Clock clock, Backoff backoff,
            Duration idlePoll) {
        this.outbox = new PingOutbox(jdbi);
        this.hubs = List.copyOf(hubs);
        this.digests = digests;
        this.clock = clock;
        this.backoff = backoff;
        this.idlePoll = idlePoll;
        this.worker = new Thread(this::run, "websub-publisher");
        worker.setDaemon(true);
    }

    /** Starts the background thread: it records the feeds' digests and sends what is due. */
    public void start() {
        int retried = outbox.retryFailedNow(clock.instant());
        if (retried > 0) {
            LOG.info("WebSub: {} ping(s) that had failed before the start are tried again now", retried);
        }
        worker.start();
    }

    /** A change has committed: the feeds may have new bytes. Returns at once. */
    public void changed() {
        changed.set(true);
        wake.release();
    }

    /**
     * The bytes of these feeds (their URLs) changed, as someone who knows for sure says: pings
     * are queued for them as they are, without comparing digests. Returns at once.
     */
    public void changed(Set<String> feedUrls) {
        told.addAll(feedUrls);
        wake.release();
    }

    private void run() {
        while (!closed) {
            long waitMillis;
            try {
                recordChanges();
                deliverDue();
                waitMillis = untilNextDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("WebSub: cannot read or update the ping queue, trying again in {} s: {}",
                        idlePoll.toSeconds(), e.toString());
                waitMillis = idlePoll.toMillis();
            }
            try {
                wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void recordChanges() {
        if (!told.isEmpty()) {
            List<String> topics = List.copyOf(told);
            int queued = outbox.queue(topics, hubs, clock.instant());
            told.removeAll(topics);
            LOG.info("WebSub: {} ping(s) queued for {} changed feed(s)", queued, topics.size());
        }
        if (!changed.getAndSet(false)) {
            return;
        }
        try {
            int queued = outbox.record(digests.current(), hubs, clock.instant());
            if (queued > 0) {
                LOG.info("WebSub: {} ping(s) queued for the changed feeds", queued);
            }
        } catch (RuntimeException e) {
            changed.set(true);
            throw e;
        }
    }

    private void deliverDue() throws InterruptedException {
        List<Ping> claimed;
        do {
            claimed = outbox.claim(clock.instant(), LEASE, BATCH);
            for (int i = 0; i < claimed.size(); i++) {
                if (closed) {
                    // Stopping: the pings claimed but not sent are due again at once, for the
                    // next start or another instance, not only when their lease ends.
                    outbox.release(claimed.subList(i, claimed.size()), clock.instant());
                    return;
                }
                deliver(claimed.get(i));
            }
        } while (claimed.size() == BATCH);
    }

    private void deliver(Ping ping) throws InterruptedException {
        Optional<String> failure = client.publish(ping.hub(), ping.topic());
        if (failure.isEmpty()) {
            outbox.sent(ping);
            LOG.info("WebSub: hub {} told that {} changed", ping.hub(), ping.topic());
            return;
        }
        int failures = ping.attempts() + 1;
        if (backoff.exhausted(failures)) {
            outbox.sent(ping);
            LOG.warn("WebSub: hub {} failed {} times for {} ({}); this ping is given up", ping.hub(), failures,
                    ping.topic(), failure.get());
            return;
        }
        Duration wait = backoff.after(failures);
        outbox.failed(ping, clock.instant().plus(wait));
        LOG.warn("WebSub: hub {} failed for {} ({}); trying again in {} ms", ping.hub(), ping.topic(), failure.get(),
                wait.toMillis());
    }

    private long untilNextDue() {
        Optional<Instant> next = outbox.nextDue();
        long idle = idlePoll.toMillis();
        return next.map(due -> Math.max(1, Math.min(idle, due.toEpochMilli() - clock.millis()))).orElse(idle);
    }

    /** How many pings wait in the database. */
    int waiting() {
        return outbox.waiting();
    }

    @Override
    public void close() {
        closed = true;
        wake.release();
        try {
            worker.join(5_000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

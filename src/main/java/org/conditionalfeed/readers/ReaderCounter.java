package org.conditionalfeed.readers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Counts the feed requests of every reader in memory, for the reader report: no database access
 * and next to no allocation per request. Everything is bounded, however many readers come:
 * <ul>
 * <li>parsed {@code User-Agent}s, in a Caffeine cache of {@value #AGENTS};
 * <li>each poller's (address, {@code User-Agent}, feed) last request and pending
 *     {@code Retry-After}, for the intervals and the waits, in a Caffeine cache of
 *     {@value #POLLERS} forgotten a day after their last request;
 * <li>the counts per reader since the last flush, at most {@value #READERS} readers; requests of
 *     further readers are counted under {@value #OTHER} (one more) until the next flush;
 * <li>the validators recently sent per feed ({@link ValidatorMemory}).
 * </ul>
 * {@link #drain()} hands the counts over and starts them again from zero.
 *
 * <p>Thread-safe.
 */
final class ReaderCounter {

    static final int AGENTS = 10_000;
    static final int POLLERS = 50_000;
    static final int READERS = 1_000;
    static final String OTHER = "(other readers)";
    /** A request this much before the time {@code Retry-After} named still counts as waiting: clocks and rounding. */
    static final long WAIT_TOLERANCE_MILLIS = 1_000;

    /** One poller: an address, a {@code User-Agent} and a feed, the latter two as one fingerprint. */
    record Poller(String address, long agentAndFeed) {
    }

    /** A poller's last request and, after a {@code 429}, the earliest time it was told to come back; 0: none. */
    static final class LastPoll {
        long atMillis;
        long notBeforeMillis;
    }

    private final Cache<String, ReaderAgent> agents;
    private final Cache<Poller, LastPoll> pollers;
    private final ConcurrentHashMap<String, ReaderTally> tallies = new ConcurrentHashMap<>();
    private final ValidatorMemory validators = new ValidatorMemory();

    ReaderCounter() {
        this(null);
    }

    /** @param maintenance runs the caches' upkeep; {@code null} for Caffeine's default */
    ReaderCounter(Executor maintenance) {
        Caffeine<Object, Object> agentCache = Caffeine.newBuilder().maximumSize(AGENTS);
        Caffeine<Object, Object> pollerCache = Caffeine.newBuilder().maximumSize(POLLERS)
                .expireAfterAccess(Duration.ofHours(25));
        if (maintenance != null) {
            agentCache.executor(maintenance);
            pollerCache.executor(maintenance);
        }
        this.agents = agentCache.build();
        this.pollers = pollerCache.build();
    }

    /**
     * Counts one answered feed request.
     *
     * @param feed the feed's path
     * @param address the client's address
     * @param userAgent its {@code User-Agent}, {@code null} when absent
     * @param status the status it was answered
     * @param retryAfterSeconds with a {@code 429}, the {@code Retry-After} it was given
     * @param etag the {@code ETag} sent, {@code null} when none
     * @param lastModified the {@code Last-Modified} sent, {@code null} when none
     * @param sent body bytes sent
     * @param full body bytes the same request without validators would have cost
     */
    void count(String feed, String address, String userAgent, String ifNoneMatch, String ifModifiedSince, int status,
            long retryAfterSeconds, String etag, String lastModified, long sent, long full, long nowMillis) {
        ReaderAgent agent = agents.get(userAgent == null ? "" : userAgent, ReaderAgent::parse);
        validators.remember(feed, etag, lastModified);
        ValidatorMemory.Echo echo = validators.classify(feed, ifNoneMatch, ifModifiedSince, nowMillis);
        boolean conditional = echo != ValidatorMemory.Echo.NONE;

        LastPoll last = pollers.get(new Poller(address, PollLedger.fingerprint(userAgent, feed)), key -> new LastPoll());
        long interval;
        int afterRefusal;
        synchronized (last) {
            interval = last.atMillis == 0 ? -1 : Math.max(0, nowMillis - last.atMillis);
            afterRefusal = last.notBeforeMillis == 0 ? 0
                    : nowMillis + WAIT_TOLERANCE_MILLIS >= last.notBeforeMillis ? 1 : -1;
            last.atMillis = nowMillis;
            last.notBeforeMillis = status == 429 ? nowMillis + retryAfterSeconds * 1000 : 0;
        }
        long addressPrint = PollLedger.fingerprint(address, "");
        while (!tally(agent.name()).count(conditional, status, echo, interval, afterRefusal, sent, full,
                agent.subscribers(), nowMillis, addressPrint)) {
            Thread.onSpinWait();
        }
    }

    private ReaderTally tally(String reader) {
        ReaderTally tally = tallies.get(reader);
        if (tally != null) {
            return tally;
        }
        String counted = tallies.size() < READERS ? reader : OTHER;
        return tallies.computeIfAbsent(counted, ReaderTally::new);
    }

    /** The counts of every reader since the last call; readers with none are let go. */
    List<ReaderDelta> drain() {
        List<ReaderDelta> deltas = new ArrayList<>();
        for (ReaderTally tally : tallies.values()) {
            ReaderDelta delta = tally.drain();
            if (delta != null) {
                deltas.add(delta);
            }
        }
        // A tally with nothing counted since the drain above leaves the table; one that counted meanwhile stays.
        tallies.values().removeIf(ReaderTally::retire);
        return deltas;
    }

    ValidatorMemory validators() {
        return validators;
    }

    /** How many pollers and readers are remembered, after pending upkeep: for the memory bound. */
    long rememberedPollers() {
        pollers.cleanUp();
        return pollers.estimatedSize();
    }

    int readersCounting() {
        return tallies.size();
    }

    long rememberedAgents() {
        agents.cleanUp();
        return agents.estimatedSize();
    }
}

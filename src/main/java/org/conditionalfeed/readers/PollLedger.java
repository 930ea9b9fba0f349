package org.conditionalfeed.readers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The poll history of recent readers, in a bounded cache: at most {@code maximumReaders} readers,
 * each forgotten once its history no longer matters ({@link PollPolicy#memoryMillis()} after its
 * last request). A forgotten reader is treated as new, which errs on the side of answering it.
 * About 200 bytes a reader: the default bound of {@value #DEFAULT_MAXIMUM_READERS} keeps it
 * within about 20 MB, however many distinct addresses ask.
 *
 * <p>A reader is its address, its {@code User-Agent} and the feed it asks for; the last two are
 * kept as one 64-bit fingerprint, so a long {@code User-Agent} costs no memory.
 *
 * <p>Thread-safe: each decision is taken atomically per reader.
 */
public final class PollLedger {

    /** The most readers remembered by default. */
    public static final int DEFAULT_MAXIMUM_READERS = 100_000;

    private final PollPolicy policy;
    private final Clock clock;
    private final Cache<Reader, PollPolicy.History> histories;
    private final long maximumReaders;

    /** A reader of one feed. */
    record Reader(String address, long agentAndFeed) {
    }

    public PollLedger(PollPolicy policy, Clock clock) {
        this(policy, clock, DEFAULT_MAXIMUM_READERS, null);
    }

    /** @param maintenance runs the cache's upkeep; {@code null} for Caffeine's default */
    PollLedger(PollPolicy policy, Clock clock, long maximumReaders, Executor maintenance) {
        this.policy = policy;
        this.clock = clock;
        this.maximumReaders = maximumReaders;
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(maximumReaders)
                .expireAfterWrite(Duration.ofMillis(policy.memoryMillis()))
                .ticker(() -> clock.millis() * 1_000_000L);
        if (maintenance != null) {
            builder.executor(maintenance);
        }
        this.histories = builder.build();
    }

    /**
     * Decides on a request from {@code address} with {@code userAgent} (either may be
     * {@code null}) for {@code feed}, and remembers it.
     */
    public PollPolicy.Verdict admit(String address, String userAgent, String feed, boolean conditional) {
        Reader reader = new Reader(address == null ? "" : address, fingerprint(userAgent, feed));
        long now = clock.millis();
        PollPolicy.Verdict[] verdict = new PollPolicy.Verdict[1];
        histories.asMap().compute(reader, (key, history) -> {
            verdict[0] = policy.decide(history, conditional, now);
            return verdict[0].history();
        });
        return verdict[0];
    }

    /** How many readers are remembered, after pending upkeep. */
    long rememberedReaders() {
        histories.cleanUp();
        return histories.estimatedSize();
    }

    long maximumReaders() {
        return maximumReaders;
    }

    /** FNV-1a, 64 bits, over the user agent, a separator no header holds, and the feed. */
    static long fingerprint(String userAgent, String feed) {
        long hash = 0xcbf29ce484222325L;
        hash = mix(hash, userAgent == null ? "" : userAgent);
        hash = (hash ^ '\n') * 0x100000001b3L;
        return mix(hash, feed);
    }

    private static long mix(long hash, String text) {
        long result = hash;
        for (int i = 0; i < text.length(); i++) {
            result = (result ^ text.charAt(i)) * 0x100000001b3L;
        }
        return result;
    }
}

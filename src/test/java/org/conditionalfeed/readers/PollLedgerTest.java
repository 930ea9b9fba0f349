package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.conditionalfeed.testing.TestClock;
import org.junit.jupiter.api.Test;

/** The bounded memory of readers: who counts as one reader, forgetting, and the bound. */
class PollLedgerTest {

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-03-01T12:00:00Z"));
    private final PollPolicy policy = PollPolicy.ofSeconds(60, 600);

    /** Uses up the subscription burst of {@code address} with {@code agent} on {@code /feed.xml}. */
    private static void subscribe(PollLedger ledger, String address, String agent) {
        for (int i = 0; i < PollPolicy.BURST; i++) {
            assertTrue(ledger.admit(address, agent, "/feed.xml", true).allowed(), "burst request " + i);
        }
    }

    @Test
    void aReaderIsItsAddressItsUserAgentAndTheFeed() {
        PollLedger ledger = new PollLedger(policy, clock);
        subscribe(ledger, "203.0.113.7", "newsboat/2.21");
        assertEquals(60, ledger.admit("203.0.113.7", "newsboat/2.21", "/feed.xml", true).retryAfterSeconds());
        assertTrue(ledger.admit("203.0.113.8", "newsboat/2.21", "/feed.xml", true).allowed(), "another address");
        assertTrue(ledger.admit("203.0.113.7", "Miniflux/2.1", "/feed.xml", true).allowed(), "another agent");
        assertTrue(ledger.admit("203.0.113.7", "newsboat/2.21", "/feed.atom", true).allowed(), "another feed");
    }

    @Test
    void aRefusedReaderIsAnsweredOnceTheRetryAfterHasPassed() {
        PollLedger ledger = new PollLedger(policy, clock);
        subscribe(ledger, "198.51.100.1", null);
        clock.advance(Duration.ofSeconds(20));
        PollPolicy.Verdict refused = ledger.admit("198.51.100.1", null, "/feed.xml", true);
        assertEquals(40, refused.retryAfterSeconds());
        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
        PollPolicy.Verdict answered = ledger.admit("198.51.100.1", null, "/feed.xml", true);
        assertTrue(answered.allowed());
        assertEquals(60_000, answered.sinceLastMillis());
        assertFalse(ledger.admit("198.51.100.1", null, "/feed.xml", false).allowed(), "no validators: 600 s");
    }

    @Test
    void aReaderIsForgottenOnceItsHistoryNoLongerMatters() {
        PollLedger ledger = new PollLedger(policy, clock, 1000, Runnable::run);
        subscribe(ledger, "192.0.2.1", "curl/8.5.0");
        assertEquals(1, ledger.rememberedReaders());
        clock.advance(Duration.ofMillis(policy.memoryMillis()));
        assertEquals(0, ledger.rememberedReaders());
        assertEquals(-1, ledger.admit("192.0.2.1", "curl/8.5.0", "/feed.xml", false).sinceLastMillis(), "a new reader");
    }

    @Test
    void aMillionDistinctAddressesStayWithinTheBound() {
        PollLedger ledger = new PollLedger(policy, clock);
        long bound = ledger.maximumReaders();
        assertEquals(PollLedger.DEFAULT_MAXIMUM_READERS, bound);
        for (int i = 0; i < 1_000_000; i++) {
            String address = "10." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff);
            String agent = "Reader/" + (i % 7);
            assertTrue(ledger.admit(address, agent, "/feed.xml", false).allowed());
            if (i % 100_000 == 99_999) {
                long remembered = ledger.rememberedReaders();
                assertTrue(remembered <= bound, remembered + " readers remembered after " + (i + 1));
            }
        }
        long remembered = ledger.rememberedReaders();
        assertTrue(remembered <= bound && remembered > bound / 2, remembered + " readers remembered");
    }

    @Test
    void theFingerprintSeparatesAgentFromFeed() {
        assertNotEquals(PollLedger.fingerprint("a", "b/feed.xml"), PollLedger.fingerprint("ab", "/feed.xml"));
        assertEquals(PollLedger.fingerprint(null, "/feed.xml"), PollLedger.fingerprint("", "/feed.xml"));
    }
}

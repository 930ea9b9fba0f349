package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counting core with scripted readers of known manners, and its memory bound, without a
 * server or a database: what {@link ReaderCounter} hands over, summed as the report sums it.
 */
class ReaderCounterTest {

    private static final String FEED = "/feed.xml";
    private static final String TAG = "\"abc\"";
    private static final String TAG_GZ = "\"abc-gz\"";
    private static final String DATE = "Tue, 01 Dec 2026 10:00:00 GMT";
    private static final long BODY = 10_000;

    private final ReaderCounter counter = new ReaderCounter(Runnable::run);
    /** 1 December 2026, so that the dates above are in the past. */
    private long now = 1_796_200_000_000L;

    /** A 200 or 304 answered with the current validators. */
    private void answered(String address, String agent, String ifNoneMatch, String ifModifiedSince) {
        boolean matches = TAG.equals(ifNoneMatch) || ifNoneMatch == null && DATE.equals(ifModifiedSince);
        counter.count(FEED, address, agent, ifNoneMatch, ifModifiedSince, matches ? 304 : 200, 0, TAG, DATE,
                matches ? 0 : BODY, BODY, now);
    }

    private void refused(String address, String agent, long retryAfterSeconds) {
        counter.count(FEED, address, agent, null, null, 429, retryAfterSeconds, null, null, 0, 0, now);
    }

    private ReaderReport.Row row(String reader) {
        List<ReaderStatsStore.Sums> sums = new ArrayList<>();
        Map<String, Long> addresses = new java.util.HashMap<>();
        Map<String, Long> reported = new java.util.HashMap<>();
        for (ReaderDelta delta : counter.drain()) {
            long[] values = new long[10 + IntervalBuckets.COUNT];
            long[] head = {delta.requests(), delta.conditional(), delta.notModified(), delta.echoed(), delta.madeUp(),
                delta.tooMany(), delta.waited(), delta.ignoredWait(), delta.bytesSent(), delta.bytesFull()};
            System.arraycopy(head, 0, values, 0, head.length);
            System.arraycopy(delta.intervals(), 0, values, head.length, IntervalBuckets.COUNT);
            sums.add(new ReaderStatsStore.Sums(delta.reader(), values, delta.lastSeen()));
            addresses.put(delta.reader(), (long) delta.addresses().length);
            if (delta.subscribers() >= 0) {
                reported.put(delta.reader(), delta.subscribers());
            }
        }
        return ReaderReport.of(LocalDate.EPOCH, sums, reported, addresses).readers().stream()
                .filter(r -> r.reader().equals(reader)).findFirst().orElseThrow();
    }

    @Test
    void aReaderThatEchoesTheValidatorsGetsNotModifiedAndSavesTheBytes() {
        answered("10.0.0.1", "Exact/1.0", null, null);
        for (int poll = 0; poll < 4; poll++) {
            now += 900_000;
            answered("10.0.0.1", "Exact/1.0", TAG, DATE);
        }
        ReaderReport.Row exact = row("Exact/1.0");
        assertEquals(5, exact.requests());
        assertEquals(0.8, exact.conditionalShare(), 1e-9);
        assertEquals(0.8, exact.notModifiedShare(), 1e-9);
        assertEquals(4, exact.validatorsEchoed());
        assertEquals(0, exact.validatorsMadeUp());
        assertEquals(BODY, exact.bytesSent());
        assertEquals(5 * BODY, exact.bytesWithoutConditional());
        assertTrue(exact.medianIntervalSeconds() >= 900 && exact.medianIntervalSeconds() < 1800,
                "median " + exact.medianIntervalSeconds());
        assertEquals(1, exact.subscribers());
        assertNull(exact.honoursRetryAfter());
    }

    @Test
    void aReaderThatInventsDatesIsShownMakingValidatorsUp() {
        answered("10.0.0.2", "Inventor/1.0", null, null);
        now += 60_000;
        answered("10.0.0.2", "Inventor/1.0", null, "Tue, 01 Dec 2026 10:07:13 GMT");
        now += 60_000;
        answered("10.0.0.2", "Inventor/1.0", "\"made-up\"", null);
        ReaderReport.Row inventor = row("Inventor/1.0");
        assertEquals(2, inventor.validatorsMadeUp());
        assertEquals(0, inventor.validatorsEchoed());
        assertTrue(inventor.makesUpValidators());
        assertEquals(0, inventor.notModifiedShare());
    }

    @Test
    void theSameDateInAnotherFormatAWeakenedTagAndAListAreEchoes() {
        answered("10.0.0.3", "Careful/1.0", null, null);
        answered("10.0.0.3", "Careful/1.0", null, "Tuesday, 01-Dec-26 10:00:00 GMT");
        answered("10.0.0.3", "Careful/1.0", "W/\"abc\"", null);
        answered("10.0.0.3", "Careful/1.0", "\"old\", " + TAG_GZ, null);
        counter.count(FEED, "10.0.0.3", "Careful/1.0", null, null, 200, 0, TAG_GZ, DATE, BODY, BODY, now);
        answered("10.0.0.3", "Careful/1.0", "\"old\", " + TAG_GZ, null);
        ReaderReport.Row careful = row("Careful/1.0");
        assertEquals(3, careful.validatorsEchoed());
        assertEquals(1, careful.validatorsMadeUp(), "the gzip tag before it was ever sent");
    }

    @Test
    void aReaderThatComesBackBeforeRetryAfterIsShownIgnoringIt() {
        answered("10.0.0.4", "Impatient/1.0", null, null);
        for (int poll = 0; poll < 3; poll++) {
            now += 10_000;
            refused("10.0.0.4", "Impatient/1.0", 890);
        }
        answered("10.0.0.5", "Patient/1.0", null, null);
        now += 10_000;
        refused("10.0.0.5", "Patient/1.0", 890);
        now += 890_000;
        answered("10.0.0.5", "Patient/1.0", TAG, null);
        List<ReaderDelta> deltas = counter.drain();
        ReaderDelta impatient = deltas.stream().filter(d -> d.reader().equals("Impatient/1.0")).findFirst().orElseThrow();
        ReaderDelta patient = deltas.stream().filter(d -> d.reader().equals("Patient/1.0")).findFirst().orElseThrow();
        assertEquals(3, impatient.tooMany());
        assertEquals(2, impatient.ignoredWait());
        assertEquals(0, impatient.waited());
        assertEquals(1, patient.tooMany());
        assertEquals(1, patient.waited());
        assertEquals(0, patient.ignoredWait());
    }

    @Test
    void anAggregatorCountsTheSubscribersItReportsOthersTheirAddresses() {
        answered("10.0.1.1", "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; like FeedFetcher-Google)",
                null, null);
        answered("10.0.1.2", "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 40 subscribers; like FeedFetcher-Google)",
                null, null);
        for (int address = 1; address <= 3; address++) {
            answered("10.0.2." + address, "Miniflux/2.0.51 (https://miniflux.app)", null, null);
        }
        List<ReaderDelta> deltas = counter.drain();
        ReaderDelta feedly = deltas.stream().filter(d -> d.reader().equals("Feedly/1.0")).findFirst().orElseThrow();
        ReaderDelta miniflux = deltas.stream().filter(d -> d.reader().equals("Miniflux/2.0.51")).findFirst().orElseThrow();
        assertEquals(42, feedly.subscribers());
        assertEquals(-1, miniflux.subscribers());
        assertEquals(3, miniflux.addresses().length);
    }

    @Test
    void aMillionDistinctReadersKeepMemoryBounded() {
        for (int i = 0; i < 1_000_000; i++) {
            String address = (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "." + (i & 255) + ".7";
            // Every tenth with a User-Agent of its own, the rest one shared reader.
            String agent = i % 10 == 0 ? "Reader" + i + "/1.0" : "Crowd/1.0";
            counter.count(FEED, address, agent, TAG, null, 304, 0, TAG, DATE, 0, BODY, now + i);
        }
        assertTrue(counter.rememberedPollers() <= ReaderCounter.POLLERS, "pollers " + counter.rememberedPollers());
        assertTrue(counter.rememberedAgents() <= ReaderCounter.AGENTS, "agents " + counter.rememberedAgents());
        assertEquals(ReaderCounter.READERS + 1, counter.readersCounting(), "the readers and the others");
        List<ReaderDelta> deltas = counter.drain();
        assertEquals(1_000_000, deltas.stream().mapToLong(ReaderDelta::requests).sum(), "every request counted");
        ReaderDelta other = deltas.stream().filter(d -> d.reader().equals(ReaderCounter.OTHER)).findFirst().orElseThrow();
        assertTrue(other.requests() > 0);
        assertTrue(deltas.stream().allMatch(d -> d.addresses().length <= ReaderTally.MAX_ADDRESSES));
    }
}

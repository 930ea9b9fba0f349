package org.conditionalfeed.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which end of a listing's index a stretch is read from, and how much of it is skipped. */
class ListingWindowTest {

    @ParameterizedTest(name = "{0} entries, from {1}, {2} at most: from oldest {3}, skip {4}, read {5}")
    @CsvSource({
        // entries, offset, max, fromOldest, offset, limit
        "0, 0, 21, false, 0, 0",
        "10, 0, 21, false, 0, 10",
        "100, 0, 21, false, 0, 21",
        "100, 20, 21, false, 20, 21",
        "41, 20, 21, true, 0, 21",
        "100, 60, 21, true, 19, 21",
        "100, 80, 21, true, 0, 20",
        "100, 100, 21, false, 100, 0",
        "100, 2000, 21, false, 2000, 0",
        "100, 50, 0, false, 50, 0",
        "1000000, 0, 20, false, 0, 20",
        "1000000, 499980, 21, false, 499980, 21",
        "1000000, 500000, 21, true, 499979, 21",
        "1000000, 999980, 21, true, 0, 20",
        "2000000, 1999980, 21, true, 0, 20",
    })
    void readsFromTheNearerEnd(long entries, long offset, int max, boolean fromOldest, long skip, int limit) {
        assertEquals(new ListingWindow(fromOldest, skip, limit), ListingWindow.of(entries, offset, max));
    }

    /** Every stretch of listings of up to 60 entries: the same entries as skipping from the newest end, never more skipped. */
    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {0, 1, 2, 20, 21, 40, 41, 59, 60})
    void readsTheSameEntriesAsAnOffsetFromTheNewestEnd(int entries) {
        List<Long> newestFirst = LongStream.range(0, entries).map(i -> entries - 1 - i).boxed().toList();
        List<Long> oldestFirst = LongStream.range(0, entries).boxed().toList();
        for (int offset = 0; offset <= entries + 2; offset++) {
            for (int max : new int[] {1, 20, 21}) {
                ListingWindow window = ListingWindow.of(entries, offset, max);
                List<Long> expected = newestFirst.subList(Math.min(offset, entries), Math.min(offset + max, entries));
                List<Long> read = new ArrayList<>((window.fromOldest() ? oldestFirst : newestFirst).subList(
                        (int) Math.min(window.offset(), entries), (int) Math.min(window.offset() + window.limit(), entries)));
                if (window.fromOldest()) {
                    Collections.reverse(read);
                }
                assertEquals(expected, read, "offset " + offset + ", max " + max);
                assertTrue(window.limit() == 0 || window.offset() <= offset, "never skips more than from the newest end");
            }
        }
    }
}

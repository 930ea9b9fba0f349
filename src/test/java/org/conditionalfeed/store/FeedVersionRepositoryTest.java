package org.conditionalfeed.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A feed's recorded {@code Last-Modified}: new bytes take a time strictly later than the previous
 * bytes' as sent (never earlier than the latest start), the same bytes keep theirs, and bytes
 * rendered from an older revision than the recorded ones change nothing.
 */
class FeedVersionRepositoryTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path directory;
    private Database database;
    private FeedVersionRepository versions;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + directory.resolve("feed"), "sa", "");
        versions = new FeedVersionRepository(database.jdbi());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @ParameterizedTest(name = "previous {0}, revision at {1}, started {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        // a first version: the revision's time, or the start's when that is later
        "none                 | 2026-03-01T10:00:00Z | 2026-03-01T09:00:00Z | 2026-03-01T10:00:00Z",
        "none                 | 2026-03-01T10:00:00Z | 2026-03-01T11:00:00Z | 2026-03-01T11:00:00Z",
        // new bytes: the revision's time when it is later than the previous bytes'
        "2026-03-01T10:00:00Z | 2026-03-01T10:05:00Z | 2026-03-01T09:00:00Z | 2026-03-01T10:05:00Z",
        // ... else one second after them: two versions never share a second
        "2026-03-01T10:00:00Z | 2026-03-01T10:00:00Z | 2026-03-01T09:00:00Z | 2026-03-01T10:00:01Z",
        "2026-03-01T10:00:07Z | 2026-03-01T10:00:03Z | 2026-03-01T09:00:00Z | 2026-03-01T10:00:08Z",
        // previous bytes from before the latest start were sent with the start's time
        "2026-03-01T10:00:00Z | 2026-03-01T10:00:00Z | 2026-03-01T12:00:00Z | 2026-03-01T12:00:01Z",
    })
    void newBytesTakeATimeLaterThanThePreviousBytesAsSent(Instant previous, Instant changedAt, Instant restarted,
            Instant expected) {
        assertEquals(expected, FeedVersionRepository.nextModified(Optional.ofNullable(previous), changedAt, restarted));
    }

    @Test
    void theSameBytesKeepTheirTimeAndOtherBytesMoveIt() {
        FeedVersion first = versions.record("/feed.xml", "aaa", new FeedState(1, START), START);
        assertTrue(first.changed());
        assertEquals(START, first.modified());
        FeedVersion same = versions.record("/feed.xml", "aaa", new FeedState(5, START.plusSeconds(60)), START);
        assertFalse(same.changed());
        assertEquals(START, same.modified(), "a later revision with the same bytes keeps the time");
        FeedVersion other = versions.record("/feed.xml", "bbb", new FeedState(6, START.plusSeconds(61)), START);
        assertTrue(other.changed());
        assertEquals(START.plusSeconds(61), other.modified());
        FeedVersion back = versions.record("/feed.xml", "aaa", new FeedState(7, START.plusSeconds(61)), START);
        assertEquals(START.plusSeconds(62), back.modified(), "the first bytes again, at a later time");
        assertEquals(START, versions.record("/categories/java/feed.xml", "aaa", new FeedState(7, START), START)
                .modified(), "each feed its own row");
    }

    @Test
    void bytesFromAnOlderRevisionThanTheRecordedOnesChangeNothing() {
        versions.record("/feed.atom", "new", new FeedState(9, START), START);
        FeedVersion slow = versions.record("/feed.atom", "old", new FeedState(8, START.minusSeconds(5)), START);
        assertTrue(slow.stale());
        assertFalse(slow.changed());
        FeedVersion again = versions.record("/feed.atom", "new", new FeedState(9, START), START);
        assertFalse(again.changed(), "the newer bytes are still the recorded ones");
        assertEquals(START, again.modified());
    }
}

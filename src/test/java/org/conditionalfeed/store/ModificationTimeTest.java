package org.conditionalfeed.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A change's modification time is {@code max(now, previous + 1 s)} in whole seconds: strictly later
 * than the previous change's, taken at once, never by waiting for the clock.
 */
class ModificationTimeTest {

    @ParameterizedTest(name = "after {0} at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // the clock is past the previous change: its current second
        "2025-03-14T11:59:00Z      | 2025-03-14T12:00:00.250Z | 2025-03-14T12:00:00Z",
        "2025-03-14T11:59:59Z      | 2025-03-14T12:00:00.999Z | 2025-03-14T12:00:00Z",
        // a second change within the same second: the next second, ahead of the clock
        "2025-03-14T12:00:00Z      | 2025-03-14T12:00:00.999Z | 2025-03-14T12:00:01Z",
        // a burst already ahead of the clock keeps counting seconds
        "2025-03-14T12:00:07Z      | 2025-03-14T12:00:00.250Z | 2025-03-14T12:00:08Z",
        // the clock went back (or another instance's runs ahead): still strictly later
        "2025-03-14T13:00:00Z      | 2025-03-14T12:00:00.250Z | 2025-03-14T13:00:01Z",
        // a stored fraction (older rows) never yields a time within the same second
        "2025-03-14T12:00:00.400Z  | 2025-03-14T12:00:00.600Z | 2025-03-14T12:00:01Z",
        // the very first change, after the initial row of 1970
        "1970-01-01T00:00:00Z      | 2025-03-14T12:00:00.250Z | 2025-03-14T12:00:00Z",
    })
    void takesTheLaterOfNowAndOneSecondAfterThePreviousChange(Instant previous, Instant now, Instant expected) {
        assertEquals(expected, FeedStateRepository.nextModificationTime(previous, now));
    }
}

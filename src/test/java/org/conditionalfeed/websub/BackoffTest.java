package org.conditionalfeed.websub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "[{index}] after failure {0}: {1} s, given up: {2}")
    @CsvSource({
        "1, 30, false",
        "2, 60, false",
        "3, 120, false",
        "7, 1920, false",
        "8, 3600, false",
        "17, 3600, false",
        "18, 3600, true",
        "1000, 3600, true",
    })
    void doublesTheWaitUpToAnHourAndGivesUpAfterTheLastAttempt(int failures, long seconds, boolean exhausted) {
        assertEquals(Duration.ofSeconds(seconds), Backoff.DEFAULT.after(failures));
        assertEquals(exhausted, Backoff.DEFAULT.exhausted(failures));
    }
}

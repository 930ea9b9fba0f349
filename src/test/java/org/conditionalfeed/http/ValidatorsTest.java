package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validators: whole seconds, and a Last-Modified never later than the response's Date. */
class ValidatorsTest {

    @Test
    void keepsLastModifiedInWholeSeconds() {
        Validators validators = new Validators(EntityTag.strong("rev-2"), Instant.parse("1994-11-06T08:49:37.999Z"));
        assertEquals(Instant.parse("1994-11-06T08:49:37Z"), validators.lastModified());
    }

    @Test
    void refusesMissingEntityTag() {
        assertThrows(NullPointerException.class, () -> new Validators(null, Instant.EPOCH));
    }

    @ParameterizedTest(name = "Last-Modified {0} sent at {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "2025-03-14T11:00:00Z      | 2025-03-14T12:00:00.250Z | 2025-03-14T11:00:00Z",
        "2025-03-14T12:00:00.900Z  | 2025-03-14T12:00:00.250Z | 2025-03-14T12:00:00Z",
        "2025-03-14T12:00:01Z      | 2025-03-14T12:00:00.999Z | 2025-03-14T12:00:00Z",
        "2025-03-14T13:00:00Z      | 2025-03-14T12:00:00.250Z | 2025-03-14T12:00:00Z",
    })
    void sendsLastModifiedNoLaterThanDate(Instant lastModified, Instant now, Instant expected) {
        Validators validators = new Validators(EntityTag.strong("rev-2"), lastModified);
        assertEquals(expected, validators.lastModifiedAsOf(now));
    }
}

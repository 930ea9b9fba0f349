package org.conditionalfeed.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The validators of the selected representation.
 *
 * @param etag its strong entity tag
 * @param lastModified when it last changed, in whole seconds
 */
public record Validators(EntityTag etag, Instant lastModified) {

    public Validators {
        Objects.requireNonNull(etag, "etag");
        lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The {@code Last-Modified} value to send with a response originated at {@code now}: never
     * later than the response's {@code Date} (RFC 9110 section 8.8.2.1).
     */
    public Instant lastModifiedAsOf(Instant now) {
        Instant date = now.truncatedTo(ChronoUnit.SECONDS);
        return lastModified.isAfter(date) ? date : lastModified;
    }
}

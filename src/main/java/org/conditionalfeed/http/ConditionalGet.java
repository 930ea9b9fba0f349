package org.conditionalfeed.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The precondition evaluation of RFC 9110 section 13.2.2 for a safe method, as a pure function
 * of the method, the request's validator header fields, the current validators and the clock.
 *
 * <ol>
 *   <li>{@code If-Match}: false unless {@code *} or a listed tag matches strongly: 412.</li>
 *   <li>Without {@code If-Match}, a valid {@code If-Unmodified-Since} earlier than
 *       {@code Last-Modified}: 412.</li>
 *   <li>{@code If-None-Match}: {@code *} or a listed tag matching weakly: 304 for GET/HEAD,
 *       412 otherwise. When present, {@code If-Modified-Since} is ignored.</li>
 *   <li>Without {@code If-None-Match}, for GET/HEAD only, a single valid
 *       {@code If-Modified-Since} not later than the clock: 304 when {@code Last-Modified} (whole
 *       seconds) is not later than it. Anything else about it (absent, repeated, unparseable,
 *       in the future) means it is ignored.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class ConditionalGet {

    private ConditionalGet() {
    }

    /**
     * Decides how to answer a request.
     *
     * @param method the request method, e.g. {@code GET}
     * @param conditions the request's precondition header fields
     * @param current the validators of the representation the server would send now
     * @param now the server's clock
     */
    public static Precondition evaluate(String method, RequestConditions conditions, Validators current, Instant now) {
        boolean getOrHead = "GET".equals(method) || "HEAD".equals(method);
        Instant lastModified = current.lastModified().truncatedTo(ChronoUnit.SECONDS);

        if (!conditions.ifMatch().isEmpty()) {
            if (!anyTagMatches(conditions.ifMatch(), current.etag(), true)) {
                return Precondition.PRECONDITION_FAILED;
            }
        } else {
            Optional<Instant> unmodifiedSince = singleDate(conditions.ifUnmodifiedSince(), now);
            if (unmodifiedSince.isPresent() && lastModified.isAfter(unmodifiedSince.get())) {
                return Precondition.PRECONDITION_FAILED;
            }
        }

        if (!conditions.ifNoneMatch().isEmpty()) {
            if (anyTagMatches(conditions.ifNoneMatch(), current.etag(), false)) {
                return getOrHead ? Precondition.NOT_MODIFIED : Precondition.PRECONDITION_FAILED;
            }
            return Precondition.PROCEED;
        }

        if (getOrHead) {
            Optional<Instant> modifiedSince = singleDate(conditions.ifModifiedSince(), now)
                    .filter(date -> !date.isAfter(now));
            if (modifiedSince.isPresent() && !lastModified.isAfter(modifiedSince.get())) {
                return Precondition.NOT_MODIFIED;
            }
        }
        return Precondition.PROCEED;
    }

    /**
     * Whether {@code *} or any tag in the field lines matches. A malformed list matches nothing:
     * the field was still sent, so it still takes precedence over the date fields.
     */
    private static boolean anyTagMatches(List<String> lines, EntityTag current, boolean strong) {
        if (lines.size() == 1 && lines.get(0).strip().equals("*")) {
            return true;
        }
        for (String line : lines) {
            Optional<List<EntityTag>> tags = EntityTag.parseList(line);
            if (tags.isEmpty()) {
                return false;
            }
            for (EntityTag tag : tags.get()) {
                if (strong ? tag.stronglyMatches(current) : tag.weaklyMatches(current)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A date field counts only when it was sent once and holds exactly one valid HTTP-date. */
    private static Optional<Instant> singleDate(List<String> lines, Instant now) {
        return lines.size() == 1 ? HttpDates.parse(lines.get(0), now) : Optional.empty();
    }
}

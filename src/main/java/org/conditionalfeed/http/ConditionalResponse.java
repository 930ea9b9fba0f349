package org.conditionalfeed.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The part of answering a cacheable GET or HEAD that every responder shares: the validator and
 * caching header fields, which go on every {@code 200}, {@code 206} and {@code 304} alike, and
 * the {@link ConditionalGet} decision applied to the response.
 *
 * <p>Stateless and thread-safe.
 */
final class ConditionalResponse {

    private ConditionalResponse() {
    }

    /**
     * Sets {@code Date}, {@code ETag}, {@code Last-Modified} and {@code Cache-Control}, then
     * evaluates the request's preconditions; on {@code 304} or {@code 412} sets that status.
     *
     * @return whether to go on and send the representation
     */
    static boolean proceed(HttpServletRequest request, HttpServletResponse response, Validators validators,
            String cacheControl, Instant now) {
        response.setHeader("Date", HttpDates.format(now));
        response.setHeader("ETag", validators.etag().toHeaderValue());
        response.setHeader("Last-Modified", HttpDates.format(validators.lastModifiedAsOf(now)));
        response.setHeader("Cache-Control", cacheControl);
        RequestConditions conditions = new RequestConditions(lines(request, "If-Match"),
                lines(request, "If-None-Match"), lines(request, "If-Modified-Since"),
                lines(request, "If-Unmodified-Since"));
        Precondition precondition = ConditionalGet.evaluate(request.getMethod(), conditions, validators, now);
        if (precondition != Precondition.PROCEED) {
            response.setStatus(precondition.status());
            return false;
        }
        return true;
    }

    /** The field lines of one header; most requests carry none or one, so those cost no copying. */
    static List<String> lines(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (!values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return List.of(first);
        }
        List<String> all = new ArrayList<>();
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(values.nextElement());
        }
        return all;
    }
}

package org.conditionalfeed.http;

import java.util.List;

/**
 * The precondition header fields of one request, each as the list of field lines received
 * (empty when absent). Raw text: {@link ConditionalGet} decides what is valid.
 *
 * @param ifMatch {@code If-Match} lines
 * @param ifNoneMatch {@code If-None-Match} lines
 * @param ifModifiedSince {@code If-Modified-Since} lines
 * @param ifUnmodifiedSince {@code If-Unmodified-Since} lines
 */
public record RequestConditions(
        List<String> ifMatch, List<String> ifNoneMatch, List<String> ifModifiedSince, List<String> ifUnmodifiedSince) {

    public RequestConditions {
        ifMatch = List.copyOf(ifMatch);
        ifNoneMatch = List.copyOf(ifNoneMatch);
        ifModifiedSince = List.copyOf(ifModifiedSince);
        ifUnmodifiedSince = List.copyOf(ifUnmodifiedSince);
    }

    /** A request without any precondition. */
    public static RequestConditions none() {
        return new RequestConditions(List.of(), List.of(), List.of(), List.of());
    }
}

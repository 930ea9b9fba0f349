package org.conditionalfeed.http;

/** The outcome of evaluating a request's preconditions against the current representation. */
public enum Precondition {
    /** Every precondition holds: send the representation (or the requested range). */
    PROCEED(200),
    /** The client's cached representation is current: {@code 304}, no body. */
    NOT_MODIFIED(304),
    /** {@code If-Match} or {@code If-Unmodified-Since} failed: {@code 412}. */
    PRECONDITION_FAILED(412);

    private final int status;

    Precondition(int status) {
        this.status = status;
    }

    /** The status code this outcome answers with (200 for {@link #PROCEED} of a full body). */
    public int status() {
        return status;
    }
}

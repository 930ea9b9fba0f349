package org.conditionalfeed.bench;

import java.util.List;

/** The three ways a reader asks for a feed that the benchmark measures, on any server. */
enum Scenario {

    NOT_MODIFIED("304 If-None-Match", 304),
    IDENTITY("200 identity", 200),
    GZIP("200 gzip", 200);

    private final String label;
    private final int status;

    Scenario(String label, int status) {
        this.label = label;
        this.status = status;
    }

    String label() {
        return label;
    }

    int status() {
        return status;
    }

    /** The request headers, as {@code Name: value}, given the server's identity ETag. */
    List<String> headers(String identityEtag) {
        return switch (this) {
            case NOT_MODIFIED -> List.of("If-None-Match: " + identityEtag);
            case IDENTITY -> List.of();
            case GZIP -> List.of("Accept-Encoding: gzip");
        };
    }
}

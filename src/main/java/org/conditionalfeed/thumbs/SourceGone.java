package org.conditionalfeed.thumbs;

/** The source of a thumbnail was deleted while the thumbnail was being made. */
final class SourceGone extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SourceGone(String message) {
        super(message, null, false, false);
    }
}

package org.conditionalfeed.thumbs;

/** A thumbnail that cannot be had now, with the status to answer and a message for the client. */
final class ThumbnailUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    private ThumbnailUnavailable(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ThumbnailUnavailable gone() {
        return new ThumbnailUnavailable(404, "No such image");
    }

    static ThumbnailUnavailable undecodable(String reason) {
        return new ThumbnailUnavailable(404, "No thumbnail: the image cannot be decoded (" + reason + ")");
    }

    static ThumbnailUnavailable busy() {
        return new ThumbnailUnavailable(503, "Thumbnails are being made; try again in a few seconds");
    }

    int status() {
        return status;
    }
}

package org.conditionalfeed.store;

/**
 * An entry write named as its enclosure a medium that does not exist, or whose upload has not
 * completed (or that was deleted meanwhile). Nothing was written.
 */
public final class UnknownEnclosure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final long mediaId;

    public UnknownEnclosure(long mediaId) {
        super("no medium with id " + mediaId, null, false, false);
        this.mediaId = mediaId;
    }

    public long mediaId() {
        return mediaId;
    }
}

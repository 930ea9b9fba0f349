package org.conditionalfeed.media;

/** A medium could not be deleted: an entry names it as its enclosure. Nothing was deleted. */
public final class MediumInUse extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MediumInUse(long id) {
        super("medium " + id + " is an entry's enclosure", null, false, false);
    }
}

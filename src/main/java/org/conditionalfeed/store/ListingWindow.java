package org.conditionalfeed.store;

/**
 * Which rows of a listing's index to read for the entries at positions {@code offset} to
 * {@code offset + max - 1}, newest first, of a listing of {@code entries}: from whichever end of the
 * index is nearer. An offset costs the database a step over every index row it skips, on H2 and
 * PostgreSQL alike, so a page near the oldest end is read from that end (oldest first, then
 * reversed): the first and the last pages cost the same few steps, and no page more than a walk
 * over half the listing.
 *
 * @param fromOldest whether to read oldest first, and reverse what was read
 * @param offset rows to skip from that end
 * @param limit rows to read after them; 0 when the positions are past the end
 */
record ListingWindow(boolean fromOldest, long offset, int limit) {

    /**
     * The window for positions {@code offset} to {@code offset + max - 1} of {@code entries}
     * entries, newest first; fewer at the end of the listing.
     */
    static ListingWindow of(long entries, long offset, int max) {
        if (offset < 0 || max < 0) {
            throw new IllegalArgumentException("offset " + offset + " and max " + max + " must not be negative");
        }
        long after = entries - offset;
        if (after <= 0 || max == 0) {
            return new ListingWindow(false, offset, 0);
        }
        long fromOldest = Math.max(0, after - max);
        if (fromOldest < offset) {
            return new ListingWindow(true, fromOldest, (int) (after - fromOldest));
        }
        return new ListingWindow(false, offset, (int) Math.min(max, after));
    }
}

package org.conditionalfeed.store;

/**
 * The medium an entry names as its enclosure: what a feed needs to point at it. A medium is
 * immutable and cannot be deleted while an entry names it, so these fields never change for an
 * entry that keeps its enclosure.
 *
 * @param mediaId the medium's id
 * @param filename the name it was uploaded with
 * @param type its media type
 * @param length its exact size in bytes
 * @param sha256 lower-case hex SHA-256 of its bytes
 */
public record Enclosure(long mediaId, String filename, String type, long length, String sha256) {

    /**
     * A reference to medium {@code mediaId} with nothing else known (the other fields {@code null},
     * the length -1): for an answer that shows only the id, never for rendering a feed.
     */
    static Enclosure named(long mediaId) {
        return new Enclosure(mediaId, null, null, -1, null);
    }
}

package org.conditionalfeed.media;

import java.time.Instant;

/**
 * A stored file, complete.
 *
 * @param id database id
 * @param filename the name it was uploaded with
 * @param type its media type, as detected from its bytes
 * @param length its size in bytes
 * @param sha256 lower-case hex SHA-256 of its bytes
 * @param created when its upload completed
 * @param width pixel width of an image, else {@code null}
 * @param height pixel height of an image, else {@code null}
 */
public record Media(long id, String filename, String type, long length, String sha256, Instant created, Integer width,
        Integer height) {
}

package org.conditionalfeed.thumbs;

import java.util.Objects;

/**
 * A made thumbnail.
 *
 * @param type {@code image/jpeg} or {@code image/png}
 * @param bytes the encoded file; never modified once made
 */
record Thumbnail(String type, byte[] bytes) {

    Thumbnail {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bytes, "bytes");
    }
}

package org.conditionalfeed.feed;

import java.util.Optional;
import java.util.SortedMap;

/**
 * What the media library knows about an image URL found in an entry's content: the composition
 * root answers it from the media and thumbnail packages, so this package depends on neither.
 */
@FunctionalInterface
public interface LibraryImages {

    /** No URL names a library image. */
    LibraryImages NONE = url -> Optional.empty();

    /** The library image at this absolute URL, if it is one. */
    Optional<Image> find(String url);

    /**
     * An image of the library.
     *
     * @param width its width in pixels, as shown (EXIF orientation applied)
     * @param height its height in pixels, as shown
     * @param thumbnails its thumbnail URLs by their pixel width
     */
    record Image(int width, int height, SortedMap<Integer, String> thumbnails) {
    }
}

package org.conditionalfeed.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The responsive-image attributes of one library image on an entry page: a pure function of the
 * image, its URL and the width the content gives it.
 *
 * <p>{@code srcset} lists the thumbnails narrower than the image (a thumbnail as wide as the
 * image is only the image again), then the image itself when it is no wider than the widest
 * thumbnail width (a larger original is never offered: the 1280 px thumbnail serves even a
 * high-density screen at the page's column width). With fewer than two candidates there is
 * nothing to choose and no {@code srcset}. {@code sizes} says how wide the image is shown: the
 * page's column (42rem, the viewport less 2rem of padding on a narrow screen), or its own width
 * where that is less. {@code width} and {@code height} reserve its space before it loads: the
 * content's own when it gives both, the other derived from the aspect ratio when it gives one.
 *
 * @param srcset the candidates, or {@code null} for none
 * @param sizes the displayed width, or {@code null} without a {@code srcset}
 * @param width the {@code width} attribute
 * @param height the {@code height} attribute
 */
record Srcset(String srcset, String sizes, int width, int height) {

    /** The widest thumbnail width the thumbnails package makes. */
    static final int WIDEST_THUMBNAIL = 1280;
    /** The page's column: 42rem of 16 px. */
    private static final int COLUMN = 42 * 16;

    /**
     * @param src the image's own URL
     * @param image what the library knows of it
     * @param givenWidth the content's {@code width} attribute, when it is a positive number
     * @param givenHeight the content's {@code height} attribute, likewise
     */
    static Srcset of(String src, LibraryImages.Image image, OptionalInt givenWidth, OptionalInt givenHeight) {
        int width;
        int height;
        if (givenWidth.isPresent() && givenHeight.isPresent()) {
            width = givenWidth.getAsInt();
            height = givenHeight.getAsInt();
        } else if (givenWidth.isPresent()) {
            width = givenWidth.getAsInt();
            height = scale(width, image.height(), image.width());
        } else if (givenHeight.isPresent()) {
            height = givenHeight.getAsInt();
            width = scale(height, image.width(), image.height());
        } else {
            width = image.width();
            height = image.height();
        }
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<Integer, String> thumbnail : image.thumbnails().entrySet()) {
            if (thumbnail.getKey() < image.width()) {
                candidates.add(thumbnail.getValue() + " " + thumbnail.getKey() + "w");
            }
        }
        if (image.width() <= WIDEST_THUMBNAIL) {
            candidates.add(src + " " + image.width() + "w");
        }
        if (candidates.size() < 2) {
            return new Srcset(null, null, width, height);
        }
        String sizes = width >= COLUMN ? "(max-width: " + (COLUMN + 32) + "px) calc(100vw - 2rem), " + COLUMN + "px"
                : "(max-width: " + (width + 32) + "px) calc(100vw - 2rem), " + width + "px";
        return new Srcset(candidates.stream().collect(Collectors.joining(", ")), sizes, width, height);
    }

    /** {@code value × numerator / denominator}, rounded, at least 1. */
    private static int scale(int value, int numerator, int denominator) {
        return (int) Math.max(1, Math.round((double) value * numerator / denominator));
    }
}

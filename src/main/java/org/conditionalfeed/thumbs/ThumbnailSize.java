package org.conditionalfeed.thumbs;

import java.util.List;

/**
 * The pixel size of a thumbnail, and how coarsely to decode its source: a pure function of the
 * source's size and the width asked for.
 *
 * <p>The thumbnail keeps the source's aspect ratio and is never larger than the source: a source
 * narrower than the width asked for gives its own size. So that a very tall source cannot ask
 * for an enormous thumbnail, a thumbnail has at most {@value #MAX_PIXELS} pixels; a taller one is
 * made narrower.
 *
 * <p>Immutable and thread-safe.
 *
 * @param width pixel width
 * @param height pixel height
 */
record ThumbnailSize(int width, int height) {

    /** The only widths served: arbitrary sizes would let anyone make the server resize forever. */
    static final List<Integer> WIDTHS = List.of(160, 320, 640, 1280);

    /** The most pixels one thumbnail has (2048 × 2048). */
    static final long MAX_PIXELS = 2048L * 2048L;

    /** The most pixels a source is decoded to, when subsampling can keep it within that. */
    static final long DECODE_BUDGET = 4_000_000L;

    ThumbnailSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("not a size: " + width + "×" + height);
        }
    }

    /**
     * The thumbnail of a source of the given (displayed) size at a width from {@link #WIDTHS}.
     */
    static ThumbnailSize of(int sourceWidth, int sourceHeight, int requestedWidth) {
        if (sourceWidth < 1 || sourceHeight < 1 || requestedWidth < 1) {
            throw new IllegalArgumentException("not a size: " + sourceWidth + "×" + sourceHeight + " at "
                    + requestedWidth);
        }
        int width = Math.min(requestedWidth, sourceWidth);
        long height = heightAt(sourceWidth, sourceHeight, width);
        if (width * height > MAX_PIXELS) {
            width = (int) Math.max(1, Math.floor(Math.sqrt((double) MAX_PIXELS * sourceWidth / sourceHeight)));
            height = heightAt(sourceWidth, sourceHeight, width);
            while (width > 1 && width * height > MAX_PIXELS) {
                width--;
                height = heightAt(sourceWidth, sourceHeight, width);
            }
        }
        return new ThumbnailSize(width, (int) height);
    }

    /** The same size with width and height swapped (a source turned by a quarter). */
    ThumbnailSize transposed() {
        return new ThumbnailSize(height, width);
    }

    /**
     * The source subsampling step (every n-th pixel of every n-th row) for decoding a source of
     * the given (stored) size into this thumbnail: the decoded image is never smaller than the
     * thumbnail, at least twice its size where the source allows (so the final scaling averages
     * rather than skips pixels), and within {@link #DECODE_BUDGET} pixels where a coarser step
     * still leaves it at least the thumbnail's size.
     */
    int subsampling(int sourceWidth, int sourceHeight) {
        int step = Math.max(1, Math.min(sourceWidth / (2 * width), sourceHeight / (2 * height)));
        while (decodedPixels(sourceWidth, sourceHeight, step) > DECODE_BUDGET
                && sourceWidth / (step + 1) >= width && sourceHeight / (step + 1) >= height) {
            step++;
        }
        return step;
    }

    /** How many pixels a source decodes to with subsampling {@code step}. */
    static long decodedPixels(int sourceWidth, int sourceHeight, int step) {
        return (long) ((sourceWidth + step - 1) / step) * ((sourceHeight + step - 1) / step);
    }

    private static long heightAt(int sourceWidth, int sourceHeight, int width) {
        return Math.max(1, Math.round((double) sourceHeight * width / sourceWidth));
    }
}

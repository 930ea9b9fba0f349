/**
 * Thumbnails of the images in the media library, at the widths {@link ThumbnailSize#WIDTHS}
 * only, each at an immutable URL that carries the source's digest ({@link ThumbnailLinks}).
 *
 * <p>{@link ThumbnailServlet} answers {@code /thumbs/*} through {@code http}'s
 * {@link org.conditionalfeed.http.StreamingResponder}, with validators known from the medium's
 * row alone ({@code media}'s {@code MediaRows}, kept in memory when this process is the database's only
 * user), so a {@code 304} never makes or reads a thumbnail. {@link Thumbnails} makes an image's
 * thumbnails once, all widths from one decode: concurrent first requests share it, it runs on a
 * small bounded pool of its own, and the results are stored by {@link ThumbnailStore} in the
 * database, where the first instance's bytes win. {@link ThumbnailGenerator} decodes the source
 * from its stored chunks with subsampling (memory bounded whatever the source's size), applies
 * the EXIF orientation, converts colour profiles to sRGB and scales with Thumbnailator.
 *
 * <p>Wired by {@code boot}; uses {@code media} for the sources (its rows, chunks and deletions),
 * {@code store} and {@code http}. Nothing calls it but {@code boot}; {@code media} sees only the
 * thumbnail URLs it is handed for its JSON.
 */
package org.conditionalfeed.thumbs;

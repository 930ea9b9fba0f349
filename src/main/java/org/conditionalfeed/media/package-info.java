/**
 * The media library: files an administrator uploads (images, podcast audio, video, PDF), kept in
 * the database in fixed-size chunks ({@link MediaStore}) so that instances sharing it serve the
 * same files, and streamed in both directions with memory that does not grow with a file's size.
 *
 * <p>{@link MediaApiServlet} takes uploads and manages the library under {@code /api/media};
 * {@link MediaIntake} checks an upload (type from the bytes with Apache Tika, name, size, image
 * dimensions, stored upright per the EXIF orientation, {@link ImageOrientation}) while it
 * streams into the store, for the API and the admin pages' upload alike; {@link MediaServlet}
 * serves each file at its immutable URL through {@code http}'s {@link org.conditionalfeed.http.StreamingResponder}.
 *
 * <p>Wired by {@code boot}; uses {@code store} for the database and {@code http} for HTTP
 * semantics; no other feature package. Entries that use a medium say so through
 * {@link MediaReferences}.
 */
package org.conditionalfeed.media;

package org.conditionalfeed.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A medium as the API shows it; {@code width}, {@code height} and {@code thumbnails} only for
 * images.
 *
 * @param id database id
 * @param url its immutable public URL
 * @param filename the name it was uploaded with
 * @param type its media type
 * @param length its size in bytes
 * @param sha256 hex SHA-256 of its bytes
 * @param created upload time, ISO-8601 UTC
 * @param width image width in pixels
 * @param height image height in pixels
 * @param thumbnails an image's thumbnail URLs by width
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MediaView(long id, String url, String filename, String type, long length, String sha256, String created,
        Integer width, Integer height, Map<String, String> thumbnails) {

    static MediaView of(Media media, MediaLinks links) {
        return new MediaView(media.id(), links.url(media), media.filename(), media.type(), media.length(),
                media.sha256(), media.created().toString(), media.width(), media.height(),
                links.thumbnails(media));
    }
}

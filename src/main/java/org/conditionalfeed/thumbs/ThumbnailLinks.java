package org.conditionalfeed.thumbs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.http.EntityTag;
import org.conditionalfeed.media.Media;
import org.conditionalfeed.media.MediaLinks;

/**
 * The public URLs of thumbnails, {@code <FEED_BASE_URL>/thumbs/<digest prefix>/<id>/<width>}: the
 * source's digest prefix (as in its own URL) makes each name one exact picture, so it is
 * immutable. Also the thumbnails' entity tags, which follow from the same facts.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThumbnailLinks {

    /** The media types thumbnails are made of. */
    private static final Set<String> SOURCE_TYPES = Set.of("image/jpeg", "image/png", "image/gif",
            "image/webp");
    private static final Pattern PATH = Pattern.compile(
            "/([0-9a-f]{" + MediaLinks.DIGEST_PREFIX + "})/([1-9][0-9]{0,17})/([0-9]{1,5})");

    private final String baseUrl;

    /** @param baseUrl {@code FEED_BASE_URL} without a trailing slash */
    public ThumbnailLinks(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Whether thumbnails are made of a medium: an image of a type the generator reads. */
    static boolean hasThumbnails(Media media) {
        return SOURCE_TYPES.contains(media.type()) && media.width() != null && media.height() != null;
    }

    /**
     * A medium's thumbnail URLs by width, narrowest first; {@code null} for a medium that has
     * none, so its JSON leaves them out.
     */
    public Map<String, String> urls(Media media) {
        if (!hasThumbnails(media)) {
            return null;
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (int width : ThumbnailSize.WIDTHS) {
            urls.put(Integer.toString(width), url(media, width));
        }
        return urls;
    }

    /**
     * A medium's thumbnail URLs by the pixel width each thumbnail has (at most the image's own
     * width, narrower for a very tall image), narrowest first; empty for a medium that has none.
     * Widths are the medium's as stored, which is as the image is shown.
     */
    public SortedMap<Integer, String> byPixelWidth(Media media) {
        SortedMap<Integer, String> urls = new TreeMap<>();
        if (hasThumbnails(media)) {
            for (int width : ThumbnailSize.WIDTHS) {
                urls.putIfAbsent(ThumbnailSize.of(media.width(), media.height(), width).width(), url(media, width));
            }
        }
        return urls;
    }

    String url(Media media, int width) {
        return baseUrl + "/thumbs/" + media.sha256().substring(0, MediaLinks.DIGEST_PREFIX) + "/" + media.id() + "/"
                + width;
    }

    /**
     * The strong entity tag of a thumbnail: the medium's id and digest, the width and the
     * generator's version name exactly the bytes {@link ThumbnailStore} keeps for them.
     */
    static EntityTag etag(Media media, int width) {
        return EntityTag.strong("t" + ThumbnailGenerator.VERSION + "-" + media.id() + "-" + width + "-"
                + media.sha256().substring(0, 32));
    }

    /**
     * What a {@code /thumbs/*} path names, if it has the shape of a thumbnail URL.
     *
     * @param pathInfo the servlet's decoded path info
     */
    static Optional<Address> parse(String pathInfo) {
        Matcher m = pathInfo == null ? null : PATH.matcher(pathInfo);
        return m != null && m.matches()
                ? Optional.of(new Address(m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3))))
                : Optional.empty();
    }

    /**
     * The parts of a thumbnail path.
     *
     * @param digestPrefix hex digits that must start the source's SHA-256
     * @param id the source medium's id
     * @param width the width asked for, not yet checked against {@link ThumbnailSize#WIDTHS}
     */
    record Address(String digestPrefix, long id, int width) {

        boolean names(Media media) {
            return media.id() == id && media.sha256().startsWith(digestPrefix) && hasThumbnails(media);
        }
    }
}

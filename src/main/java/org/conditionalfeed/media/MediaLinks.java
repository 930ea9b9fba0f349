package org.conditionalfeed.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.store.Enclosure;

/**
 * The public URL of a medium, {@code <FEED_BASE_URL>/media/<digest prefix>/<id>/<filename>}:
 * the first {@value #DIGEST_PREFIX} hex digits of its SHA-256 make the URL name one exact byte
 * sequence, so it is immutable and may be cached for a year.
 *
 * <p>Immutable and thread-safe.
 */
public final class MediaLinks {

    public static final int DIGEST_PREFIX = 16;
    private static final Pattern PATH = Pattern.compile("/([0-9a-f]{" + DIGEST_PREFIX + "})/([1-9][0-9]{0,17})/([^/]+)");

    private final String baseUrl;
    private final Function<Media, Map<String, String>> thumbnails;

    /** @param baseUrl {@code FEED_BASE_URL} without a trailing slash */
    public MediaLinks(String baseUrl) {
        this(baseUrl, media -> null);
    }

    private MediaLinks(String baseUrl, Function<Media, Map<String, String>> thumbnails) {
        this.baseUrl = baseUrl;
        this.thumbnails = thumbnails;
    }

    /**
     * The same links, and each medium's thumbnail URLs by width as {@code thumbnails} gives them
     * ({@code null} for a medium without thumbnails).
     */
    public MediaLinks withThumbnails(Function<Media, Map<String, String>> thumbnails) {
        return new MediaLinks(baseUrl, thumbnails);
    }

    /** A medium's thumbnail URLs by width, or {@code null} when it has none. */
    public Map<String, String> thumbnails(Media media) {
        return thumbnails.apply(media);
    }

    /** The absolute URL of a medium. */
    public String url(Media media) {
        return url(media.id(), media.sha256(), media.filename());
    }

    /** The absolute URL of the medium an entry names as its enclosure. */
    public String url(Enclosure enclosure) {
        return url(enclosure.mediaId(), enclosure.sha256(), enclosure.filename());
    }

    private String url(long id, String sha256, String filename) {
        return baseUrl + "/media/" + sha256.substring(0, DIGEST_PREFIX) + "/" + id + "/" + pathSegment(filename);
    }

    /**
     * The medium an absolute URL of this site names, found with {@code rows}; empty for any other
     * URL, and for a URL whose digest or file name is not the medium's.
     *
     * @param url an absolute URL, e.g. an image's {@code src} in an entry's content
     * @param rows the complete medium with an id, if any
     */
    public Optional<Media> resolve(String url, LongFunction<Optional<Media>> rows) {
        String prefix = baseUrl + "/media";
        if (url == null || !url.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String path;
        try {
            // Our URLs encode '+' as %2B, so a literal one is kept rather than read as a space.
            path = URLDecoder.decode(url.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
        return parse(path).flatMap(address -> rows.apply(address.id()).filter(address::names));
    }

    /**
     * What a {@code /media/*} path names.
     *
     * @param pathInfo the servlet's decoded path info
     */
    static Optional<Address> parse(String pathInfo) {
        Matcher m = pathInfo == null ? null : PATH.matcher(pathInfo);
        return m != null && m.matches()
                ? Optional.of(new Address(m.group(1), Long.parseLong(m.group(2)), m.group(3))) : Optional.empty();
    }

    /**
     * The parts of a media path.
     *
     * @param digestPrefix hex digits that must start the medium's SHA-256
     * @param id the medium's id
     * @param filename its file name, decoded
     */
    record Address(String digestPrefix, long id, String filename) {

        boolean names(Media media) {
            return media.id() == id && media.sha256().startsWith(digestPrefix) && media.filename().equals(filename);
        }
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8. */
    static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}

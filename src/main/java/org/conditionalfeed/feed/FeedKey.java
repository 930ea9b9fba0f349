package org.conditionalfeed.feed;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One feed: all entries or one category's, in one format. Its path, relative to the
 * application's root, is {@code /feed.xml} (and {@code .atom}, {@code .json}) for all entries and
 * {@code /categories/{category}/feed.xml} (and so on) for a category, the category
 * percent-encoded as one path segment (every byte but {@code A-Z a-z 0-9 - . _ ~}).
 *
 * The HTML page of the same entries ({@link FeedFormat#HTML}) is {@code /} or
 * {@code /categories/{category}/}, and its later pages {@code ?page=2} and so on.
 *
 * @param category the category, or {@code null} for all entries
 * @param format the format
 * @param page the page, from 1; only the HTML format has more than one
 */
public record FeedKey(String category, FeedFormat format, int page) {

    private static final String CATEGORIES = "/categories/";
    /** The highest page number taken from a request; beyond it, no such page. */
    static final int MAX_PAGE = 100_000;

    public FeedKey {
        Objects.requireNonNull(format, "format");
        if (page < 1 || page > 1 && format != FeedFormat.HTML) {
            throw new IllegalArgumentException("only the HTML format has pages: " + format + " " + page);
        }
    }

    /** The first page of {@code category}'s entries in {@code format}. */
    public FeedKey(String category, FeedFormat format) {
        this(category, format, 1);
    }

    /** Whether this is a feed proper (RSS, Atom or JSON Feed) rather than the HTML page. */
    public boolean isFeed() {
        return format != FeedFormat.HTML;
    }

    /** This key at page {@code number} of its HTML listing. */
    FeedKey page(int number) {
        return new FeedKey(category, format, number);
    }

    /** The feed of all entries in {@code format}. */
    public static FeedKey main(FeedFormat format) {
        return new FeedKey(null, format);
    }

    /** The path of this feed relative to the application's root, e.g. {@code /categories/C%2B%2B/feed.json}. */
    public String path() {
        String path = category == null ? "/" + format.fileName() : categoryPath(category) + format.fileName();
        return page == 1 ? path : path + "?page=" + page;
    }

    /** The same entries in {@code other} format, first page. */
    public FeedKey in(FeedFormat other) {
        return new FeedKey(category, other);
    }

    /** The path of a category's directory, with its trailing slash, e.g. {@code /categories/java/}. */
    public static String categoryPath(String category) {
        return CATEGORIES + encode(category) + "/";
    }

    /**
     * The feed at {@code path}, a request path relative to the application's root as sent
     * (percent-encoded); empty when it names no feed. A category need not be in use to be parsed.
     */
    public static Optional<FeedKey> parse(String path) {
        if (path == null) {
            return Optional.empty();
        }
        int last = path.lastIndexOf('/');
        Optional<FeedFormat> format = formatOf(path.substring(last + 1));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        if (last == 0) {
            return Optional.of(main(format.get()));
        }
        if (!path.startsWith(CATEGORIES) || last <= CATEGORIES.length()
                || path.indexOf('/', CATEGORIES.length()) != last) {
            return Optional.empty();
        }
        return decode(path.substring(CATEGORIES.length(), last)).filter(name -> !name.isEmpty())
                .map(name -> new FeedKey(name, format.get()));
    }

    private static Optional<FeedFormat> formatOf(String fileName) {
        for (FeedFormat format : FeedFormat.values()) {
            if (format.fileName().equals(fileName)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** Decodes a percent-encoded path segment ({@code +} is a plus sign); empty when it is malformed. */
    private static Optional<String> decode(String segment) {
        try {
            return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}

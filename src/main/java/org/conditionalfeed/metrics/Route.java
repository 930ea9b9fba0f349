package org.conditionalfeed.metrics;

import java.util.Locale;

/**
 * The few names a request's path is counted under, so the number of time series stays fixed
 * whatever paths clients ask for. Thread-safe.
 */
public enum Route {
    /** Every feed: {@code /feed.xml}, {@code /feed.atom}, {@code /feed.json} and their category siblings. */
    FEED,
    /** The pages of entries: {@code /}, {@code /entries/…}, category pages. */
    ENTRY,
    /** The JSON API under {@code /api/}. */
    API,
    /** The administrator's pages under {@code /admin/}. */
    ADMIN,
    /** Media files under {@code /media/}. */
    MEDIA,
    /** Image thumbnails under {@code /thumbs/}. */
    THUMBS,
    /** Static assets under {@code /assets/}. */
    ASSETS,
    /** {@code /healthz}. */
    HEALTH,
    /** Anything else, {@code /metrics} and unknown paths included. */
    OTHER;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The route's name as a label value, e.g. {@code feed}. */
    public String tag() {
        return tag;
    }

    /** The route of a path relative to the application's root, e.g. {@code /feed.xml}. */
    public static Route of(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return ENTRY;
        }
        if (isFeed(path)) {
            return FEED;
        }
        if (under(path, "/entries") || under(path, "/categories")) {
            return ENTRY;
        }
        if (under(path, "/api")) {
            return API;
        }
        if (under(path, "/admin")) {
            return ADMIN;
        }
        if (under(path, "/media")) {
            return MEDIA;
        }
        if (under(path, "/thumbs")) {
            return THUMBS;
        }
        if (under(path, "/assets")) {
            return ASSETS;
        }
        return path.equals("/healthz") ? HEALTH : OTHER;
    }

    private static boolean isFeed(String path) {
        if (!path.endsWith("/feed.xml") && !path.endsWith("/feed.atom") && !path.endsWith("/feed.json")) {
            return false;
        }
        int name = path.lastIndexOf('/');
        return name == 0 || under(path, "/categories") && path.indexOf('/', "/categories/".length()) == name;
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}

package org.conditionalfeed.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The settings that shape every rendering of the feed and the entry pages.
 *
 * @param title channel title
 * @param description channel description
 * @param baseUrl public URL prefix of every absolute link, without a trailing slash
 * @param maxItems newest entries per feed
 * @param itemMaxBytes the largest item body in a feed, in bytes of UTF-8; longer ones are cut
 * @param language the feeds' language, a BCP 47 tag such as {@code en} or {@code de-CH}
 */
public record FeedChannel(String title, String description, String baseUrl, int maxItems, int itemMaxBytes,
        String language) {

    /** Bumped whenever the renderers change their output for the same entries. */
    private static final String FORMAT_VERSION = "3";

    /** The app's own page of an entry. */
    public String entryPageUrl(long id) {
        return baseUrl + "/entries/" + id;
    }

    /**
     * A short hash of everything here, recorded in the database so that a change of settings
     * counts as a change of the feed (a new {@code Last-Modified}); the entity tags need no such
     * help, as they are digests of the rendered bytes.
     */
    public String fingerprint() {
        String all = String.join("\u0000", FORMAT_VERSION, title, description, baseUrl, Integer.toString(maxItems),
                Integer.toString(itemMaxBytes), language);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package org.conditionalfeed.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Validated application settings. Immutable and thread-safe.
 *
 * @param port the embedded server's port; 0 picks a free one
 * @param dbUrl JDBC URL of the database
 * @param dbUser database user
 * @param dbPassword database password, possibly empty
 * @param baseUrl public URL prefix of every absolute link, without a trailing slash; empty means
 *     {@code http://localhost:<port>}, resolved once the port is known
 * @param title channel title
 * @param description channel description
 * @param maxItems newest entries per feed
 * @param adminUser administrator login
 * @param adminPassword administrator password from the environment, if one was given
 * @param feedCacheControl the {@code Cache-Control} of the feed and the entry pages
 * @param trustedProxies IP addresses (IPv4 or IPv6 literals) of reverse proxies whose forwarding
 *     headers are believed; empty: none, and forwarding headers are ignored
 * @param feedItemMaxBytes the largest item body (UTF-8 bytes of the content) a feed carries; a longer
 *     one is cut and links to the full entry page
 * @param mediaMaxBytes the largest media upload
 * @param mediaCacheDir the directory of the local copies of media files; empty: the servlet
 *     context's temporary directory
 * @param mediaCacheMaxBytes the most bytes the local copies of media files take; 0: no copies
 * @param minPollSeconds the shortest interval, in seconds, at which one reader may ask for the
 *     same feed again; 0: no limit
 * @param minUnconditionalPollSeconds the shortest interval for a reader that sends no validators;
 *     0: no limit beyond {@code minPollSeconds}
 * @param metricsToken the bearer token that {@code /metrics} asks for; empty: metrics are off
 * @param websubHubs the WebSub hubs (absolute http(s) URLs) every feed names and pings after a
 *     change; empty: none
 * @param readerReportDays the days of reader statistics kept for the reader report; 0: readers
 *     are not counted
 * @param language the feeds' language, a well-formed BCP 47 tag
 */
public record Settings(
        int port,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> baseUrl,
        String title,
        String description,
        int maxItems,
        String adminUser,
        Optional<String> adminPassword,
        String feedCacheControl,
        List<String> trustedProxies,
        int feedItemMaxBytes,
        long mediaMaxBytes,
        Optional<Path> mediaCacheDir,
        long mediaCacheMaxBytes,
        int minPollSeconds,
        int minUnconditionalPollSeconds,
        Optional<String> metricsToken,
        List<String> websubHubs,
        int readerReportDays,
        String language) {

    /** The public URL prefix, defaulting to {@code http://localhost:<port>}. */
    public String publicBaseUrl() {
        return baseUrl.orElse("http://localhost:" + (port == 0 ? 8080 : port));
    }

    /** These settings with the port the server actually bound, for a default base URL. */
    public Settings withBoundPort(int boundPort) {
        return new Settings(boundPort, dbUrl, dbUser, dbPassword, baseUrl, title, description, maxItems,
                adminUser, adminPassword, feedCacheControl, trustedProxies, feedItemMaxBytes, mediaMaxBytes,
                mediaCacheDir, mediaCacheMaxBytes, minPollSeconds, minUnconditionalPollSeconds, metricsToken, websubHubs, readerReportDays, language);
    }

    @Override
    public String toString() {
        return "Settings[port=" + port + ", dbUrl=" + Redacted.jdbcUrl(dbUrl) + ", dbUser=" + dbUser
                + ", baseUrl=" + publicBaseUrl() + ", title=" + title + ", maxItems=" + maxItems + ", adminUser=" + adminUser
                + ", feedCacheControl=" + feedCacheControl + ", trustedProxies=" + trustedProxies
                + ", feedItemMaxBytes=" + feedItemMaxBytes + ", mediaMaxBytes=" + mediaMaxBytes
                + ", mediaCacheDir=" + mediaCacheDir.map(Path::toString).orElse("(servlet context temp dir)")
                + ", mediaCacheMaxBytes=" + mediaCacheMaxBytes
                + ", minPollSeconds=" + minPollSeconds + ", minUnconditionalPollSeconds=" + minUnconditionalPollSeconds
                + ", metrics=" + (metricsToken.isPresent() ? "on" : "off") + ", websubHubs=" + websubHubs
                + ", readerReportDays=" + readerReportDays + ", language=" + language + "]";
    }
}

package org.conditionalfeed.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import org.conditionalfeed.admin.AdminAuthenticator;
import org.conditionalfeed.admin.AdminMedia;
import org.conditionalfeed.admin.AdminReaders;
import org.conditionalfeed.admin.AdminUiServlet;
import org.conditionalfeed.admin.BasicAuthFilter;
import org.conditionalfeed.admin.EntriesApiServlet;
import org.conditionalfeed.admin.FormLimits;
import org.conditionalfeed.admin.JsonResponses;
import org.conditionalfeed.admin.LoginThrottle;
import org.conditionalfeed.admin.PasswordHasher;
import org.conditionalfeed.admin.SecureCookieFilter;
import org.conditionalfeed.assets.AssetRegistry;
import org.conditionalfeed.assets.AssetServlet;
import org.conditionalfeed.config.Settings;
import org.conditionalfeed.feed.EntryPageRenderer;
import org.conditionalfeed.feed.EntryPageServlet;
import org.conditionalfeed.feed.FeedChanges;
import org.conditionalfeed.feed.FeedChannel;
import org.conditionalfeed.feed.FeedFormat;
import org.conditionalfeed.feed.FeedPublisher;
import org.conditionalfeed.feed.FeedKey;
import org.conditionalfeed.feed.FeedRenderers;
import org.conditionalfeed.feed.FeedServlet;
import org.conditionalfeed.feed.LibraryImages;
import org.conditionalfeed.http.RepresentationResponder;
import org.conditionalfeed.http.StreamingResponder;
import org.conditionalfeed.media.MediaApiServlet;
import org.conditionalfeed.media.MediaCache;
import org.conditionalfeed.media.MediaIntake;
import org.conditionalfeed.media.MediaLinks;
import org.conditionalfeed.media.MediaReferences;
import org.conditionalfeed.media.MediaRows;
import org.conditionalfeed.media.MediaServlet;
import org.conditionalfeed.media.MediaStore;
import org.conditionalfeed.metrics.Metrics;
import org.conditionalfeed.metrics.MetricsServlet;
import org.conditionalfeed.ops.AccessLogFilter;
import org.conditionalfeed.ops.ErrorServlet;
import org.conditionalfeed.ops.HealthServlet;
import org.conditionalfeed.ops.PathParameterFilter;
import org.conditionalfeed.ops.RootServlet;
import org.conditionalfeed.readers.PolitePolling;
import org.conditionalfeed.readers.PollLedger;
import org.conditionalfeed.readers.PollPolicy;
import org.conditionalfeed.readers.ReaderReportServlet;
import org.conditionalfeed.readers.ReaderStats;
import org.conditionalfeed.store.AdminUserRepository;
import org.conditionalfeed.store.Database;
import org.conditionalfeed.store.Enclosures;
import org.conditionalfeed.store.EntryRepository;
import org.conditionalfeed.store.ExcerptRepository;
import org.conditionalfeed.store.FeedIndexRepository;
import org.conditionalfeed.store.FeedStateRepository;
import org.conditionalfeed.store.FeedVersionRepository;
import org.conditionalfeed.store.IdempotencyRepository;
import org.conditionalfeed.thumbs.ThumbnailLinks;
import org.conditionalfeed.thumbs.ThumbnailServlet;
import org.conditionalfeed.thumbs.Thumbnails;
import org.conditionalfeed.websub.HubLinks;
import org.conditionalfeed.websub.WebSubPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: every long-lived object, built once from the settings.
 *
 * <p>Thread-safe once started; {@link #close()} is idempotent.
 */
public final class Application implements AutoCloseable {

    /** The static assets under {@code webapp/assets/}. */
    private static final List<String> ASSETS = List.of("admin.css", "admin.js", "favicon.svg");

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final int WARM_UP_RENDERS = 300;

    private final Settings settings;
    private final Clock clock;
    private final Database database;
    private final FeedStateRepository feedState;
    private final EntryRepository entries;
    private final IdempotencyRepository idempotencyKeys;
    private final FeedChannel channel;
    private final FeedPublisher publisher;
    private final FeedChanges feedChanges = new FeedChanges();
    private final TemplateEngine templates = templates();
    private final AdminAuthenticator authenticator;
    private final AssetRegistry assets;
    private final MediaStore media;
    private final Thumbnails thumbnails;
    private final HubLinks hubLinks;
    private final WebSubPublisher websub;
    private final ReaderStats readerStats;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Application(Settings settings, Clock clock, Database database) {
        this.settings = settings;
        this.clock = clock;
        this.database = database;
        this.feedState = new FeedStateRepository(database.jdbi(), clock, database.isExclusive());
        // A write that failed at or after its commit may be in the database: read the state again.
        database.onCommitInDoubt(feedState::forgetCurrent);
        this.entries = new EntryRepository(database.jdbi(), feedState);
        this.idempotencyKeys = new IdempotencyRepository(database.jdbi(), entries, clock);
        this.channel = new FeedChannel(settings.title(), settings.description(), settings.publicBaseUrl(),
                settings.maxItems(), settings.feedItemMaxBytes(), settings.language());
        feedState.recordSettings(channel.fingerprint());
        feedState.claimRestart();
        FeedIndexRepository feedIndexes = new FeedIndexRepository(database.jdbi());
        feedIndexes.addMissingCategories();
        this.hubLinks = new HubLinks(settings.websubHubs());
        this.publisher = new FeedPublisher(new ExcerptRepository(database.jdbi()), feedIndexes,
                new FeedVersionRepository(database.derivedJdbi(), database::forceToDisk), feedState, channel,
                new FeedRenderers(new MediaLinks(settings.publicBaseUrl())::url, hubLinks.hubs(), templates),
                feedChanges);
        feedState.onChange(change -> publisher.prepare());
        publisher.prepare();
        warmUpInBackground();
        this.authenticator = new AdminAuthenticator(new AdminUserRepository(database.jdbi()), new PasswordHasher(),
                new LoginThrottle(clock), settings.adminUser());
        authenticator.bootstrap(settings.adminPassword());
        this.media = new MediaStore(database.jdbi(), clock);
        media.removeIncomplete(database.isExclusive());
        this.thumbnails = new Thumbnails(media, database.jdbi(), clock);
        this.assets = new AssetRegistry(Application.class.getClassLoader(), "assets/", ASSETS, "/assets/");
        this.readerStats = settings.readerReportDays() > 0
                ? new ReaderStats(database.jdbi(), clock, settings.readerReportDays()) : null;
        if (readerStats != null) {
            readerStats.start();
        }
        this.websub = startWebSub(database);
    }

    /**
     * Opens the database, applies migrations and prepares everything the servlets need.
     *
     * @throws org.conditionalfeed.store.StoreException when the database cannot be used
     */
    public static Application start(Settings settings, Clock clock) {
        LOG.info("Starting with {}", settings);
        Database database = Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
        try {
            return new Application(settings, clock, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * With WebSub hubs: after each change this process commits (once the feed is rendered), the
     * publisher is told, and pings the hubs for each feed whose bytes changed.
     */
    private WebSubPublisher startWebSub(Database database) {
        if (!hubLinks.active()) {
            return null;
        }
        WebSubPublisher started = new WebSubPublisher(database.jdbi(), hubLinks.hubs(), this::feedDigests, clock,
                database.isExclusive());
        feedState.onChange(change -> started.changed());
        feedChanges.onChange(paths -> started.changed(paths.stream().map(this::feedUrl).collect(Collectors.toSet())));
        started.start();
        return started;
    }

    /** The digest of each feed's bytes (its identity entity tag), keyed by the feed's URL. */
    private Map<String, String> feedDigests() {
        Map<String, String> digests = new HashMap<>();
        for (FeedFormat format : FeedFormat.FEEDS) {
            FeedKey key = FeedKey.main(format);
            digests.put(feedUrl(key.path()), publisher.current(key).orElseThrow().identity().validators().etag().opaque());
        }
        return digests;
    }

    private String feedUrl(String path) {
        return settings.publicBaseUrl() + path;
    }

    /**
     * Compiles the render path ahead of need on a low-priority daemon thread, so that even the
     * first changes after a start render in milliseconds (see {@link FeedPublisher#warmUp}).
     */
    private void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            try {
                publisher.warmUp(WARM_UP_RENDERS, closed::get);
            } catch (RuntimeException e) {
                LOG.debug("Render warm-up stopped: {}", e.toString());
            }
        }, "feed-render-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    /** Registers the servlets and filters on a context, embedded or deployed. */
    public void register(ServletContext context) {
        context.setRequestCharacterEncoding("UTF-8");
        context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        context.setSessionTimeout(30);
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        cookie.setName("feed_admin_session");
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Strict");

        RepresentationResponder feedResponder = new RepresentationResponder(settings.feedCacheControl());
        ObjectMapper mapper = EntriesApiServlet.newMapper();
        JsonResponses json = new JsonResponses(mapper);

        // First of all: every later filter and servlet sees the client's address and scheme.
        ForwardedHeaders.register(context, settings.trustedProxies());
        registerMetrics(context);
        FilterRegistration.Dynamic accessLog = context.addFilter("accessLog", new AccessLogFilter());
        accessLog.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        FilterRegistration.Dynamic secureCookies = context.addFilter("secureCookies", new SecureCookieFilter());
        secureCookies.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/admin/*");
        context.addFilter("pathParameters", new PathParameterFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        FilterRegistration.Dynamic auth = context.addFilter("basicAuth", new BasicAuthFilter(authenticator, json));
        auth.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");
        if (readerStats != null) {
            // Outside polite polling, so the report sees the 429s too.
            readerStats.register(context, "/feed.xml", "/feed.atom", "/feed.json");
            context.addServlet("readerReport", new ReaderReportServlet(readerStats, mapper, AdminUiServlet::loggedIn))
                    .addMapping("/admin/readers.json", "/api/readers");
        }
        PollPolicy pollPolicy = PollPolicy.ofSeconds(settings.minPollSeconds(), settings.minUnconditionalPollSeconds());
        if (pollPolicy.active()) {
            new PolitePolling(new PollLedger(pollPolicy, clock), AdminUiServlet::loggedIn)
                    .register(context, path -> FeedKey.parse(path).filter(FeedKey::isFeed).isPresent(),
                            FeedServlet.MAPPINGS);
        }

        ThumbnailLinks thumbnailLinks = new ThumbnailLinks(settings.publicBaseUrl());
        MediaLinks mediaLinks = new MediaLinks(settings.publicBaseUrl()).withThumbnails(thumbnailLinks::urls);
        MediaIntake intake = new MediaIntake(media, settings.mediaMaxBytes());
        LibraryImages libraryImages = url -> mediaLinks.resolve(url, media::find)
                .filter(found -> found.width() != null && found.height() != null)
                .map(found -> new LibraryImages.Image(found.width(), found.height(), thumbnailLinks.byPixelWidth(found)));

        context.addServlet("feed", new FeedServlet(publisher, feedResponder, clock,
                path -> hubLinks.headerValues(feedUrl(path)))).addMapping(FeedServlet.MAPPINGS);
        context.addServlet("entryPage", new EntryPageServlet(entries, feedState,
                new EntryPageRenderer(templates, libraryImages), channel, feedResponder, clock)).addMapping("/entries/*");
        context.addServlet("entriesApi", new EntriesApiServlet(entries, idempotencyKeys, mapper, json))
                .addMapping("/api/entries", "/api/entries/*");
        context.addServlet("mediaApi", new MediaApiServlet(media, intake, mediaLinks, mediaReferences(), mapper))
                .addMapping("/api/media", "/api/media/*");
        MediaCache mediaCache = MediaCache.open(mediaCacheDirectory(context), settings.mediaCacheMaxBytes(), media);
        // One memory of the media rows for the files and their thumbnails.
        MediaRows mediaRows = new MediaRows(media, database.isExclusive());
        context.addServlet("media", new MediaServlet(media, mediaRows, mediaCache,
                new StreamingResponder(MediaServlet.CACHE_CONTROL), clock)).addMapping("/media/*");
        context.addServlet("thumbnails", new ThumbnailServlet(mediaRows, thumbnails,
                new StreamingResponder(MediaServlet.CACHE_CONTROL), clock)).addMapping("/thumbs/*");
        context.addServlet("assets", new AssetServlet(assets, clock)).addMapping("/assets/*");
        ServletRegistration.Dynamic adminUi = context.addServlet("adminUi",
                new AdminUiServlet(entries, authenticator, assets, settings.title(), templates,
                        new AdminMedia(media, intake, mediaLinks, mediaReferences(), thumbnailLinks::byPixelWidth,
                                settings.mediaMaxBytes()),
                        new AdminReaders(Optional.ofNullable(readerStats).map(stats -> stats::report))));
        adminUi.addMapping("/admin/*");
        adminUi.setMultipartConfig(FormLimits.multipartConfig());
        context.addServlet("health", new HealthServlet(database)).addMapping("/healthz");
        context.addServlet("error", new ErrorServlet()).addMapping("/error");
        context.addServlet("root", new RootServlet()).addMapping("/");
        LOG.info("Serving the feed at {}/feed.xml", settings.publicBaseUrl());
    }

    /**
     * {@code FEED_MEDIA_CACHE_DIR}; by default next to an H2 file database, else in the servlet
     * context's temporary directory (Tomcat's work directory for the WAR).
     */
    private Path mediaCacheDirectory(ServletContext context) {
        return settings.mediaCacheDir().orElseGet(() -> {
            Object temp = context.getAttribute(ServletContext.TEMPDIR);
            Path base = temp instanceof File file ? file.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
            return base.resolve("media-cache");
        });
    }

    /** What keeps a medium from being deleted: the entries that name it as their enclosure. */
    private MediaReferences mediaReferences() {
        Enclosures enclosures = new Enclosures(database.jdbi());
        return id -> enclosures.entryUsing(id).map(entry -> "entry " + entry);
    }

    /**
     * The HTML page templates, compiled to classes of this application's packages at build time
     * (the jte-maven-plugin's {@code precompile}): loaded from the application's class loader,
     * never compiled at run time, output HTML-escaped by default.
     */
    private static TemplateEngine templates() {
        return TemplateEngine.createPrecompiled(null, ContentType.Html, Application.class.getClassLoader(),
                "org.conditionalfeed");
    }

    /**
     * With a metrics token: counts every request (outside the error handling, so the final status
     * is counted), times renders, reports the pool and serves {@code /metrics}. Without: {@code 404}.
     */
    private void registerMetrics(ServletContext context) {
        if (settings.metricsToken().isEmpty()) {
            context.addServlet("metrics", MetricsServlet.off()).addMapping("/metrics");
            return;
        }
        Metrics metrics = new Metrics();
        database.trackPool(metrics.poolTracker());
        publisher.timeRenders(metrics.renderTimes());
        metrics.register(context, settings.metricsToken().get());
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                metrics.close();
            }
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (websub != null) {
                websub.close();
            }
            if (readerStats != null) {
                readerStats.close();
            }
            thumbnails.close();
            database.close();
        }
    }
}

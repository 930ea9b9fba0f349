package org.conditionalfeed.boot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.conditionalfeed.admin.FormLimits;
import org.conditionalfeed.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Tomcat: binds the port first (a taken port fails here), then starts the
 * application (a bad database fails here), then serves it through {@link FeedInitializer}, the
 * same initializer a standalone Tomcat uses for the WAR.
 *
 * <p>{@link #stop()} stops accepting connections, lets in-flight requests finish and closes the
 * database. Not thread-safe: start and stop from one thread.
 */
public final class EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final long DRAIN_MILLIS = 10_000;
    private static final long DRAIN_POLL_MILLIS = 10;
    private static final int[] ERROR_STATUSES = {400, 401, 403, 404, 405, 408, 411, 413, 414, 415, 500, 501, 503, 505};

    private final Tomcat tomcat;
    private final Application application;
    private final Settings settings;
    private final Path baseDirectory;

    private EmbeddedServer(Tomcat tomcat, Application application, Settings settings, Path baseDirectory) {
        this.tomcat = tomcat;
        this.application = application;
        this.settings = settings;
        this.baseDirectory = baseDirectory;
    }

    /**
     * Starts serving.
     *
     * @param settings the settings; port 0 picks a free port
     * @param address the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @throws StartupException with a one-line reason when it cannot start
     */
    public static EmbeddedServer start(Settings settings, String address, Clock clock) {
        refuseTakenPort(address, settings.port());
        Tomcat tomcat = new Tomcat();
        Path baseDirectory = tempDirectory();
        tomcat.setBaseDir(baseDirectory.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(settings.port());
        connector.setProperty("address", address);
        connector.setXpoweredBy(false);
        ConnectorLimits.apply(connector);
        // The largest entry form the administrator's pages send; Tomcat's default is 2 MB.
        connector.setMaxPostSize(FormLimits.MAX_ENTRY_FORM_BYTES);
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        // Errors the connector raises before any servlet runs: no stack trace, no server version,
        // JSON under /api/. Named as the host's error valve, so Tomcat adds no default one.
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass(ApiErrorReportValve.class.getName());
        tomcat.getHost().getPipeline().addValve(new ApiErrorReportValve());
        try {
            tomcat.init();
        } catch (LifecycleException e) {
            deleteRecursively(baseDirectory);
            throw new StartupException("cannot listen on " + address + ":" + settings.port() + ": " + rootMessage(e), e);
        }
        if (connector.getState() != LifecycleState.INITIALIZED || connector.getLocalPort() <= 0) {
            destroyQuietly(tomcat);
            deleteRecursively(baseDirectory);
            throw new StartupException("cannot listen on " + address + ":" + settings.port()
                    + " (FEED_PORT): the port is taken or not allowed");
        }
        Settings bound = settings.withBoundPort(connector.getLocalPort());
        Application application;
        try {
            application = Application.start(bound, clock);
        } catch (RuntimeException e) {
            destroyQuietly(tomcat);
            deleteRecursively(baseDirectory);
            throw new StartupException(rootMessage(e), e);
        }
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new FeedInitializer(application), null);
        // On stop, the connector stops accepting first; then each servlet waits up to this long
        // for the requests it is still serving.
        ((StandardContext) context).setUnloadDelay(DRAIN_MILLIS);
        for (int status : ERROR_STATUSES) {
            ErrorPage page = new ErrorPage();
            page.setErrorCode(status);
            page.setLocation("/error");
            context.addErrorPage(page);
        }
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            application.close();
            destroyQuietly(tomcat);
            deleteRecursively(baseDirectory);
            throw new StartupException("cannot start: " + rootMessage(e), e);
        }
        if (context.getState() != LifecycleState.STARTED) {
            application.close();
            destroyQuietly(tomcat);
            deleteRecursively(baseDirectory);
            throw new StartupException("cannot start the application; see the log above");
        }
        LOG.info("Listening on http://{}:{}/ (feed at {}/feed.xml)", address, connector.getLocalPort(),
                bound.publicBaseUrl());
        return new EmbeddedServer(tomcat, application, bound, baseDirectory);
    }

    /**
     * Tries the port before Tomcat does, so that the common failure, a port already in use, is
     * one line rather than Tomcat's stack trace. (Should another process take the port in
     * between, Tomcat's own bind fails and start-up still stops with a one-line reason.)
     */
    private static void refuseTakenPort(String address, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Tomcat binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + address + ":" + port + " (FEED_PORT): " + e.getMessage(), e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** The settings in force, with the bound port. */
    public Settings settings() {
        return settings;
    }

    /** Stops accepting, drains in-flight requests, closes the database. Idempotent. */
    public void stop() {
        if (tomcat.getServer().getState() == LifecycleState.DESTROYED) {
            return;
        }
        drain();
        try {
            tomcat.stop();
        } catch (LifecycleException e) {
            LOG.warn("Tomcat did not stop cleanly: {}", e.getMessage());
        } finally {
            application.close();
            destroyQuietly(tomcat);
            deleteRecursively(baseDirectory);
        }
        LOG.info("Stopped");
    }

    /**
     * Pauses the connector (no new connections are accepted; a request arriving on a kept-alive
     * connection gets a {@code 503} and the connection closed), then waits until no worker thread
     * is busy: every request that was in flight has been answered to its last byte. Only then
     * does Tomcat stop, so no acknowledged write loses its response.
     */
    private void drain() {
        Connector connector = tomcat.getConnector();
        try {
            connector.pause();
        } catch (RuntimeException e) {
            LOG.warn("Could not pause the connector: {}", e.getMessage());
            return;
        }
        if (!(connector.getProtocolHandler().getExecutor() instanceof ThreadPoolExecutor workers)) {
            LOG.info("Stopping");
            return;
        }
        int busy = workers.getActiveCount();
        LOG.info("Stopping: {} request(s) in flight", busy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (busy > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            busy = workers.getActiveCount();
        }
        if (busy > 0) {
            LOG.warn("Stopping with {} request(s) still in flight after {} ms", busy, DRAIN_MILLIS);
        }
    }

    private static void destroyQuietly(Tomcat tomcat) {
        try {
            tomcat.destroy();
        } catch (LifecycleException e) {
            LOG.debug("Tomcat destroy failed", e);
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("conditional-feed-tomcat");
        } catch (IOException e) {
            throw new StartupException("cannot create Tomcat's working directory: " + e.getMessage(), e);
        }
    }

    /** Removes Tomcat's working directory (its work files only; nothing of the application's data). */
    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}", directory, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage();
        String cause = root == e ? null : root.getMessage();
        if (message == null) {
            message = cause;
        } else if (cause != null && !message.contains(cause)) {
            message = message + ": " + cause;
        }
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /** The server could not start; the message is the one-line reason. */
    public static final class StartupException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package org.conditionalfeed.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.conditionalfeed.boot.ConnectorLimits;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * The Tomcat baseline: the same kind of embedded Tomcat as the application's (an HTTP/1.1
 * connector with the application's {@link ConnectorLimits}, bound to 127.0.0.1), serving a directory with
 * {@code feed.xml} and {@code feed.xml.gz} through {@link DefaultServlet} with {@code gzip=true},
 * so a request accepting gzip gets the precompressed file. Run by {@link FeedBenchmark} as a
 * child JVM; logs {@code Listening on http://127.0.0.1:<port>/} once it serves. Tests start it
 * in their own JVM with {@link #start}.
 *
 * <pre>java -cp target/test-classes:target/conditional-feed.jar org.conditionalfeed.bench.StaticFeedServer DIR [PORT]</pre>
 */
public final class StaticFeedServer {

    private static final Logger LOG = Logger.getLogger(StaticFeedServer.class.getName());

    private StaticFeedServer() {
    }

    public static void main(String[] args) throws Exception {
        Path docBase = Path.of(args[0]).toAbsolutePath();
        Tomcat tomcat = start(docBase, args.length > 1 ? Integer.parseInt(args[1]) : 0);
        LOG.info("Listening on http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/ (static files from "
                + docBase + ")");
        tomcat.getServer().await();
    }

    /** Starts serving {@code docBase} on {@code port} (0: any free one) of 127.0.0.1; stop it with {@code stop()}. */
    public static Tomcat start(Path docBase, int port) throws Exception {
        Tomcat tomcat = new Tomcat();
        // Beside the files it serves, so that whoever removes those removes Tomcat's work files too.
        tomcat.setBaseDir(Files.createTempDirectory(docBase.toAbsolutePath().getParent(), "static-feed-tomcat")
                .toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setXpoweredBy(false);
        ConnectorLimits.apply(connector);
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        Context context = tomcat.addContext("", docBase.toAbsolutePath().toString());
        context.addMimeMapping("xml", "application/rss+xml;charset=UTF-8");
        context.addMimeMapping("mp3", "audio/mpeg");
        context.addMimeMapping("pdf", "application/pdf");
        Wrapper servlet = Tomcat.addServlet(context, "default", new DefaultServlet());
        servlet.addInitParameter("gzip", "true");
        servlet.addInitParameter("listings", "false");
        context.addServletMapping("/", "default");
        tomcat.start();
        return tomcat;
    }
}

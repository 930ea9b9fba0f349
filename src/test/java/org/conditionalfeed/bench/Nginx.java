package org.conditionalfeed.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nginx baseline, where {@code /usr/sbin/nginx} is installed: a throw-away configuration in a
 * temporary directory (no daemon, two workers, no access log, {@code gzip_static} and
 * {@code etag} on) serving the same {@code feed.xml} and {@code feed.xml.gz} as
 * {@link StaticFeedServer}.
 *
 * <p>Not thread-safe.
 */
public final class Nginx implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/sbin/nginx");

    private final ChildProcess process;
    private final int port;

    private Nginx(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Stops nginx (SIGTERM: the master stops its workers). */
    @Override
    public void close() {
        process.close();
    }

    /** nginx as {@code -Dbench.nginx} names it, else {@code /usr/sbin/nginx}, if installed. */
    public static Optional<Path> find() {
        Path nginx = Path.of(System.getProperty("bench.nginx", EXECUTABLE.toString()));
        return Files.isExecutable(nginx) ? Optional.of(nginx) : Optional.empty();
    }

    /** Starts nginx on a free port serving {@code docRoot}. */
    public static Nginx start(Path executable, Path directory, Path docRoot)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        int port = freePort();
        Path conf = directory.resolve("nginx.conf");
        Files.writeString(conf, configuration(directory.toAbsolutePath(), docRoot.toAbsolutePath(), port));
        ChildProcess nginx = ChildProcess.start("nginx", List.of(executable.toString(), "-p",
                directory.toAbsolutePath() + "/", "-c", conf.toAbsolutePath().toString(),
                "-e", directory.resolve("error.log").toAbsolutePath().toString()), Map.of(),
                directory.resolve("nginx.out"));
        try {
            nginx.awaitPort(port, Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            nginx.close();
            throw new IllegalStateException(e.getMessage() + "\n" + readQuietly(directory.resolve("error.log")), e);
        }
        return new Nginx(nginx, port);
    }

    private static String configuration(Path directory, Path docRoot, int port) {
        // Run as root, nginx would switch its workers to "nobody"; keep them this user's instead.
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        return user + """
                daemon off;
                master_process on;
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    types { application/rss+xml xml; audio/mpeg mp3; application/pdf pdf; }
                    default_type application/octet-stream;
                    charset utf-8;
                    charset_types application/rss+xml;
                    sendfile on;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                        gzip_static on;
                        etag on;
                        location / { }
                    }
                }
                """.formatted(directory, port, docRoot);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }
}

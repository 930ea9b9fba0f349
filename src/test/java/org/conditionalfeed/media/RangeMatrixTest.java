package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.catalina.startup.Tomcat;
import org.conditionalfeed.bench.Nginx;
import org.conditionalfeed.bench.StaticFeedServer;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same 10 000-byte file from the media library, from Tomcat's {@code DefaultServlet} and from
 * nginx (where {@code /usr/sbin/nginx} is installed; CI installs it), asked with the same
 * {@code Range} and {@code If-Range}: each row says what the library answers (status,
 * {@code Content-Range} or the parts of a {@code multipart/byteranges} body, every byte checked
 * against the file) and that the static-file servers answer the same, except where a row names
 * one that differs and says why. The differences are where RFC 9110 leaves a choice (coalescing;
 * ignoring or refusing an invalid range) or where a static-file server departs from it.
 * {@code {etag}} and {@code {date}} in an {@code If-Range} stand for each server's own validator.
 */
class RangeMatrixTest {

    private static final int LENGTH = 10_000;
    private static final String OURS = "conditional-feed";
    private static final String TOMCAT = "Tomcat";
    private static final String NGINX = "nginx";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final byte[] FILE = file();
    private static final Map<String, URI> SERVERS = new LinkedHashMap<>();

    @TempDir
    static Path directory;
    private static FeedServer server;
    private static Tomcat tomcat;
    private static Nginx nginx;

    /** One request: what the library answers, and which servers differ, why. */
    record Row(String range, String ifRange, String expected, Set<String> differ, String why) {

        @Override
        public String toString() {
            return "Range: " + range + (ifRange == null ? "" : ", If-Range: " + ifRange) + " -> " + expected;
        }
    }

    static Stream<Row> rows() {
        String ignored = "an invalid range-spec: RFC 9110 14.2 lets a server ignore it or refuse it; the library"
                + " ignores it (sends the whole file), the static servers refuse it";
        String emptyElement = "RFC 9110 5.6.1.2: a recipient ignores empty list elements; the static servers refuse";
        String oneSatisfiable = "RFC 9110 14.1.1: a range set is satisfiable when one of its ranges is; Tomcat"
                + " refuses the whole set";
        String weakTag = "Tomcat's ETag is weak (W/...), and If-Range compares strongly (RFC 9110 13.1.5)";
        String coalesced = "RFC 9110 14.2 lets a server coalesce ranges that overlap or are only a small gap apart;"
                + " the library does, the static servers send each part";
        return Stream.of(
                row("", "200"),
                row("bytes=0-1", "206 0-1"),
                row("bytes=0-0", "206 0-0"),
                row("bytes=100-199", "206 100-199"),
                row("bytes=-500", "206 9500-9999"),
                row("bytes=-1", "206 9999-9999"),
                row("bytes=9000-", "206 9000-9999"),
                row("bytes=0-", "206 0-9999"),
                row("bytes=9999-", "206 9999-9999"),
                row("bytes=0-99999999", "206 0-9999"),
                row("bytes=-20000", "206 0-9999"),
                row("bytes= 0-1", "206 0-1"),
                row("bytes=00-01", "206 0-1"),
                row("BYTES=0-1", "206 0-1"),
                row("bytes=10000-", "416 */10000"),
                row("bytes=10010-10020", "416 */10000"),
                row("bytes=-0", "416 */10000"),
                row("items=0-1", "200"),
                row("bytes=0-1,5-6", "206 [0-1, 5-6]"),
                row("bytes=0-1 ,5-6", "206 [0-1, 5-6]"),
                row("bytes=5-2", null, "200", Set.of(TOMCAT, NGINX), ignored),
                row("bytes=abc", null, "200", Set.of(TOMCAT, NGINX), ignored),
                row("bytes=0-1,", null, "206 0-1", Set.of(TOMCAT, NGINX), emptyElement),
                row("bytes=,0-1", null, "206 0-1", Set.of(TOMCAT, NGINX), emptyElement),
                row("bytes=0-1,10000-10001", null, "206 0-1", Set.of(TOMCAT), oneSatisfiable),
                row("bytes=10000-10001,0-1", null, "206 0-1", Set.of(TOMCAT), oneSatisfiable),
                row("bytes=0-1,1-2", null, "206 0-2", Set.of(TOMCAT, NGINX), coalesced),
                row("bytes=0-1,2-3,4-5", null, "206 0-5", Set.of(TOMCAT, NGINX), coalesced),
                row("bytes=0-1", "{etag}", "206 0-1", Set.of(TOMCAT), weakTag),
                row("bytes=0-1,2-3", "{etag}", "206 0-3", Set.of(TOMCAT, NGINX), weakTag + "; " + coalesced),
                row("bytes=0-1", "\"other\"", "200", Set.of(), ""),
                row("bytes=0-1", "W/\"x\"", "200", Set.of(), ""),
                row("bytes=0-1", "{date}", "206 0-1", Set.of(), ""),
                row("bytes=0-1", "Thu, 01 Jan 1970 00:00:00 GMT", "200", Set.of(), ""),
                row("bytes=0-1", "garbage", "200", Set.of(TOMCAT), "Tomcat answers a malformed If-Range with 400;"
                        + " RFC 9110 13.1.5 has the condition fail, so the whole file is sent"));
    }

    private static Row row(String range, String expected) {
        return new Row(range, null, expected, Set.of(), "");
    }

    private static Row row(String range, String ifRange, String expected, Set<String> differ, String why) {
        return new Row(range, ifRange, expected, differ, why);
    }

    @BeforeAll
    static void start() throws Exception {
        server = FeedServer.start(directory.resolve("db"));
        SERVERS.put(OURS, server.uri(MediaFixtures.path(MediaFixtures.uploaded(server, FILE, "application/pdf",
                "file.pdf"))));
        Path docs = Files.createDirectories(directory.resolve("static"));
        Files.write(docs.resolve("file.pdf"), FILE);
        tomcat = StaticFeedServer.start(docs, 0);
        SERVERS.put(TOMCAT, URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/file.pdf"));
        Optional<Path> executable = Nginx.find();
        if (executable.isPresent()) {
            nginx = Nginx.start(executable.get(), directory.resolve("nginx"), docs);
            SERVERS.put(NGINX, URI.create("http://127.0.0.1:" + nginx.port() + "/file.pdf"));
        } else {
            System.err.println("RangeMatrixTest: nginx is not installed (apt-get install nginx): compared with"
                    + " Tomcat only");
        }
        // A Last-Modified is a strong validator for If-Range only once it is a second older than Date.
        Thread.sleep(2_000);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (nginx != null) {
                nginx.close();
            }
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void answersAsTheStaticServersDoSaveWhereTheRowSaysWhy(Row row) throws Exception {
        assertEquals(row.expected(), outcome(SERVERS.get(OURS), row), "the library");
        for (Map.Entry<String, URI> other : SERVERS.entrySet()) {
            if (!other.getKey().equals(OURS) && !row.differ().contains(other.getKey())) {
                assertEquals(row.expected(), outcome(other.getValue(), row), other.getKey() + " answers the same");
            }
        }
    }

    /**
     * The answer as {@code status}, then for 206 the range sent or the list of parts and for 416
     * {@code Content-Range}'s {@code *}/length; every byte sent is compared with the file.
     */
    private static String outcome(URI uri, Row row) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (row.ifRange() != null) {
            HttpResponse<Void> head = CLIENT.send(HttpRequest.newBuilder(uri).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            request.header("If-Range", row.ifRange()
                    .replace("{etag}", head.headers().firstValue("ETag").orElseThrow())
                    .replace("{date}", head.headers().firstValue("Last-Modified").orElseThrow()));
        }
        if (!row.range().isEmpty()) {
            request.header("Range", row.range());
        }
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        String contentRange = response.headers().firstValue("Content-Range").orElse("");
        return switch (response.statusCode()) {
            case 200 -> "200" + (Arrays.equals(FILE, response.body()) && type.equals("application/pdf") ? ""
                    : " WRONG: " + type + ", " + response.body().length + " bytes");
            case 416 -> "416 " + contentRange.replace("bytes ", "");
            case 206 -> "206 " + (type.startsWith("multipart/byteranges")
                    ? MultipartParts.read(type, response.body()).stream().map(RangeMatrixTest::checked).toList()
                    : checked(new MultipartParts.Part(type, contentRange, response.body())));
            default -> response.statusCode() + " " + type;
        };
    }

    /** {@code first-last} of a part whose type and bytes are right, otherwise what is wrong. */
    private static String checked(MultipartParts.Part part) {
        String range = part.contentRange().replace("bytes ", "").replace("/" + LENGTH, "");
        String[] ends = range.split("-");
        byte[] expected = Arrays.copyOfRange(FILE, Integer.parseInt(ends[0]), Integer.parseInt(ends[1]) + 1);
        boolean ok = part.contentRange().endsWith("/" + LENGTH) && part.type().equals("application/pdf")
                && Arrays.equals(expected, part.body());
        return ok ? range : range + " WRONG: " + part;
    }

    private static byte[] file() {
        byte[] file = new byte[LENGTH];
        new Random(42).nextBytes(file);
        byte[] head = MediaFixtures.pdf();
        System.arraycopy(head, 0, file, 0, head.length);
        return file;
    }
}

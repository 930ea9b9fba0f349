package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.ConnectionFlood;
import org.conditionalfeed.testing.ConnectionFlood.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher at {@code -Xmx128m}, as the README runs it, under a flood of connections that
 * never finish a request: more than the connector accepts at once, more half-sent ones than filled
 * the heap with Tomcat's default limits. The JVM stays alive and a reader's feed request is
 * answered, during the flood and right after it.
 *
 * <p>Needs an open-files limit ({@code ulimit -n}) of at least {@value #FILES_NEEDED}: the
 * flood's sockets are file descriptors in this JVM and in the child; skips below it.
 */
class ConnectionFloodTest {

    private static final int HALF_SENT = 2_500;
    private static final int IDLE = 500;
    private static final int FILES_NEEDED = 4_096;
    /** A reader's request may wait for a slot: the connector closes silent connections after 5 s. */
    private static final Duration READER_PATIENCE = Duration.ofSeconds(20);
    private static final Duration HOLD = Duration.ofSeconds(8);

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void halfSentAndIdleConnectionsLeaveTheServerAliveAndTheFeedAnswered() throws Exception {
        long files = openFilesLimit();
        assumeTrue(files >= FILES_NEEDED, "the open-files limit (ulimit -n) is " + files + ", the flood needs "
                + FILES_NEEDED + "; raise it (ulimit -n " + FILES_NEEDED + ") to run this test");
        ChildJvm child = children.launch(directory, "flooded", Map.of(), List.of("-Xmx128m"), Main.class.getName());
        int port = child.awaitListening();
        assertEquals(200, child.send(child.request("/feed.xml").build()).statusCode());
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);

        try (ConnectionFlood halfSent = ConnectionFlood.open(target, HALF_SENT, Kind.HALF_SENT, false);
                ConnectionFlood idle = ConnectionFlood.open(target, IDLE, Kind.IDLE, false)) {
            halfSent.awaitConnected(ConnectorLimits.MAX_CONNECTIONS, 10_000);
            // Held for longer than the connector's timeout: with Tomcat's defaults the heap fills meanwhile.
            long until = System.nanoTime() + HOLD.toNanos();
            while (System.nanoTime() < until) {
                HttpResponse<String> during = child.send(child.request("/feed.xml").timeout(READER_PATIENCE).build());
                assertEquals(200, during.statusCode());
                assertTrue(during.body().contains("<rss"), during.body());
                assertTrue(child.process().isAlive(), child::output);
                Thread.sleep(500);
            }
            assertTrue(halfSent.connected() + halfSent.closedByServer() + idle.connected() + idle.closedByServer()
                    >= ConnectorLimits.MAX_CONNECTIONS, "the flood reached the connector's limit");
        }
        HttpResponse<String> after = child.send(child.request("/feed.xml").timeout(READER_PATIENCE).build());
        assertEquals(200, after.statusCode());
        assertTrue(child.process().isAlive(), child::output);
        assertFalse(child.log().contains("OutOfMemoryError"), child::output);
    }

    private static long openFilesLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 0;
    }
}

package org.conditionalfeed.boot;

import org.apache.catalina.connector.Connector;

/**
 * The HTTP connector's limits for a public server whose JVM runs with {@code -Xmx128m}: every
 * connection a stranger can open costs heap, so the number of connections and the buffers each
 * one holds are chosen together, and an idle or half-sent connection is closed soon.
 *
 * <p>Measured with Tomcat 10.1 NIO at {@code -Xmx128m}, heap used after a full GC: with
 * Tomcat's defaults an idle connection (connected, nothing sent) holds 19 KB (its socket wrapper
 * with an 8 KiB read and an 8 KiB write buffer) and a half-sent one (half a request line) 56 KB,
 * because it also keeps an HTTP processor: a header buffer of the request header limit plus the
 * read buffer, a response header buffer, an 8 KiB chunked-trailer buffer and about 9 KB of
 * objects. About 2,200 half-sent or 6,600 idle connections filled the heap. With the values
 * below an idle connection holds about 11 KB and a half-sent one about 27 KB, and at most
 * {@link #MAX_CONNECTIONS} are open at once, so connections can take at most about 55 MB
 * whatever a client sends. Further connections wait in the kernel's accept queue (and beyond it,
 * in the clients' SYN retries) until one closes.
 *
 * <p>The write buffer keeps Tomcat's 8 KiB: every response byte is copied through it, and a
 * 1 KiB buffer cut the throughput of a 17 KB feed by more than half.
 */
public final class ConnectorLimits {

    /** Connections open at once; about 27 KB of heap each at worst. */
    static final int MAX_CONNECTIONS = 2_000;
    /** Connections the kernel completes and queues while {@link #MAX_CONNECTIONS} are open. */
    static final int ACCEPT_COUNT = 100;
    /** Longest wait for the request's first byte, for each further read of a request, and for each write. */
    static final int CONNECTION_TIMEOUT_MILLIS = 5_000;
    /** How long a kept-alive connection may wait for its next request. */
    static final int KEEP_ALIVE_TIMEOUT_MILLIS = 5_000;
    static final int MAX_KEEP_ALIVE_REQUESTS = 100;
    /** Request line plus headers; a feed reader sends well under 1 KiB, a browser 1 to 2 KiB. */
    static final int MAX_REQUEST_HEADER_BYTES = 4_096;
    /** The largest response header block the application writes is about 500 bytes. */
    static final int MAX_RESPONSE_HEADER_BYTES = 4_096;
    /** Chunked request trailers; no endpoint uses them. */
    static final int MAX_TRAILER_BYTES = 512;
    static final int READ_BUFFER_BYTES = 1_024;
    static final int WRITE_BUFFER_BYTES = 8_192;
    static final int MAX_THREADS = 200;
    /** Idle HTTP processors kept for reuse (each about 40 KB once it has served a request). */
    static final int PROCESSOR_CACHE = 200;

    private ConnectorLimits() {
    }

    /** Applies the limits to an HTTP/1.1 connector before it starts. */
    public static void apply(Connector connector) {
        set(connector, "maxConnections", MAX_CONNECTIONS);
        set(connector, "acceptCount", ACCEPT_COUNT);
        set(connector, "connectionTimeout", CONNECTION_TIMEOUT_MILLIS);
        set(connector, "keepAliveTimeout", KEEP_ALIVE_TIMEOUT_MILLIS);
        set(connector, "maxKeepAliveRequests", MAX_KEEP_ALIVE_REQUESTS);
        set(connector, "maxHttpRequestHeaderSize", MAX_REQUEST_HEADER_BYTES);
        set(connector, "maxHttpResponseHeaderSize", MAX_RESPONSE_HEADER_BYTES);
        set(connector, "maxTrailerSize", MAX_TRAILER_BYTES);
        set(connector, "socket.appReadBufSize", READ_BUFFER_BYTES);
        set(connector, "socket.appWriteBufSize", WRITE_BUFFER_BYTES);
        set(connector, "maxThreads", MAX_THREADS);
        set(connector, "processorCache", PROCESSOR_CACHE);
    }

    private static void set(Connector connector, String name, int value) {
        if (!connector.setProperty(name, Integer.toString(value))) {
            throw new IllegalStateException("Tomcat's connector has no property " + name);
        }
    }
}

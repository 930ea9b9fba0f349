package org.conditionalfeed.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attacker's connection flood: opens many TCP connections to a server and holds them, each
 * either idle (connected, nothing sent) or half-sent (half a request line, never finished). One
 * thread drives them all through a {@link Selector}, so connections the server does not accept
 * at once are completed whenever it does. With {@code reopen}, a connection the server closes is
 * replaced by a new one at once, so the flood keeps {@code count} connections up for as long as
 * the server lets it.
 *
 * <p>Thread-safe to read; open and close from one thread.
 */
public final class ConnectionFlood implements AutoCloseable {

    /** What each connection sends. */
    public enum Kind {
        IDLE(""), HALF_SENT("GET /feed.xml HT");

        private final byte[] bytes;

        Kind(String sent) {
            this.bytes = sent.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final InetSocketAddress target;
    private final Kind kind;
    private final boolean reopen;
    private final Selector selector;
    private final Thread driver;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private volatile boolean running = true;

    private ConnectionFlood(InetSocketAddress target, int count, Kind kind, boolean reopen) throws IOException {
        this.target = target;
        this.kind = kind;
        this.reopen = reopen;
        this.selector = Selector.open();
        for (int i = 0; i < count; i++) {
            connect();
        }
        this.driver = new Thread(this::drive, "connection-flood");
        driver.setDaemon(true);
        driver.start();
    }

    /** Starts opening {@code count} connections to {@code target}; returns at once. */
    public static ConnectionFlood open(InetSocketAddress target, int count, Kind kind, boolean reopen) {
        try {
            return new ConnectionFlood(target, count, kind, reopen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the flood's connections: " + e.getMessage(), e);
        }
    }

    /** Connections established (and not closed by the server) right now. */
    public int connected() {
        return connected.get();
    }

    /** Connections the server has closed so far. */
    public int closedByServer() {
        return closedByServer.get();
    }

    /** Waits until {@code count} connections are established or the time is up; returns how many are. */
    public int awaitConnected(int count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (connected.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return connected.get();
    }

    private void connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        if (channel.connect(target)) {
            established(channel, channel.register(selector, 0));
        } else {
            channel.register(selector, SelectionKey.OP_CONNECT);
        }
    }

    private void established(SocketChannel channel, SelectionKey key) throws IOException {
        connected.incrementAndGet();
        if (kind.bytes.length > 0) {
            channel.write(ByteBuffer.wrap(kind.bytes));
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void drive() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (running) {
            try {
                selector.select(100);
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext();) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key, sink);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(SelectionKey key, ByteBuffer sink) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        boolean connecting = key.isValid() && key.isConnectable();
        try {
            if (connecting) {
                if (channel.finishConnect()) {
                    established(channel, key);
                }
                return;
            }
            sink.clear();
            if (key.isValid() && key.isReadable() && channel.read(sink) >= 0) {
                return; // the server answered something (a timeout page); wait for it to close
            }
        } catch (IOException refusedOrReset) {
            // counted below like a close
        }
        key.cancel();
        channel.close();
        if (!connecting) {
            connected.decrementAndGet();
            closedByServer.incrementAndGet();
        }
        if (reopen && running) {
            connect();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            driver.join(5_000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.conditionalfeed.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.h2.store.fs.FileBase;

/**
 * An H2 file system for tests, used through URLs like {@code jdbc:h2:instrumented:file:/tmp/x/feed}
 * (see {@link #url}): it passes everything through to the disk, counts the writes to and the
 * forces of H2's database files ({@code *.mv.db}), and can be switched to fail every write with an
 * {@link IOException}, as a full disk would.
 *
 * <p>The counters and the switch are global to the JVM: tests that use them must not run in
 * parallel with each other. Thread-safe.
 */
public final class InstrumentedFilePath extends FilePathWrapper {

    private static final String SCHEME = "instrumented";
    private static final AtomicLong WRITES = new AtomicLong();
    private static final AtomicLong FORCES = new AtomicLong();
    /** The value of {@link #WRITES} when the latest force began: writes up to it are on the disk. */
    private static final AtomicLong WRITES_FORCED = new AtomicLong();
    private static final AtomicBoolean FAILING = new AtomicBoolean();
    private static final AtomicBoolean FAILING_FORCES = new AtomicBoolean();

    static {
        FilePath.register(new InstrumentedFilePath());
    }

    /** Registers the file system (once) and returns an H2 URL of a database file through it. */
    public static String url(java.nio.file.Path file) {
        return "jdbc:h2:" + SCHEME + ":file:" + file.toAbsolutePath();
    }

    /** How many times a database file was forced to the disk. */
    public static long forces() {
        return FORCES.get();
    }

    /** How many writes to a database file have not been followed by a force. */
    public static long unforcedWrites() {
        return WRITES.get() - WRITES_FORCED.get();
    }

    /** From now on, every write to any file fails (or, with {@code false}, none does). */
    public static void failWrites(boolean failing) {
        FAILING.set(failing);
    }

    /**
     * From now on, every force of a file to the disk fails while writes still succeed (or, with
     * {@code false}, none does): a commit is then written but not known to be durable.
     */
    public static void failForces(boolean failing) {
        FAILING_FORCES.set(failing);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel channel = getBase().open(mode);
        return new Channel(channel, name.endsWith(".mv.db"));
    }

    @Override
    public java.io.OutputStream newOutputStream(boolean append) throws IOException {
        failIfFailing();
        return super.newOutputStream(append);
    }

    private static void failIfFailing() throws IOException {
        if (FAILING.get()) {
            throw new IOException("No space left on device (simulated)");
        }
    }

    /** A channel that counts, and fails when told to. */
    private static final class Channel extends FileBase {

        private final FileChannel base;
        private final boolean databaseFile;

        Channel(FileChannel base, boolean databaseFile) {
            this.base = base;
            this.databaseFile = databaseFile;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            failIfFailing();
            counted();
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            failIfFailing();
            counted();
            return base.write(src, position);
        }

        private void counted() {
            if (databaseFile) {
                WRITES.incrementAndGet();
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            failIfFailing();
            if (FAILING_FORCES.get()) {
                throw new IOException("Input/output error (simulated, on force)");
            }
            long writes = WRITES.get();
            base.force(metaData);
            if (databaseFile) {
                FORCES.incrementAndGet();
                WRITES_FORCED.accumulateAndGet(writes, Math::max);
            }
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            failIfFailing();
            base.truncate(size);
            return this;
        }

        @Override
        public synchronized FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}

package org.conditionalfeed.thumbs;

import java.io.IOException;
import java.io.InputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over a medium's stored chunks: it holds one
 * chunk at a time and fetches another only when a read or a seek reaches it, so a decoder reads
 * a file of any size with memory for one chunk, and a seek anywhere costs one chunk read.
 *
 * <p>Not thread-safe, like every image stream.
 */
final class ChunkImageInputStream extends ImageInputStreamImpl {

    /** Fetches one chunk of the source, numbered from 0. */
    @FunctionalInterface
    interface Chunks {

        /** @throws SourceGone when the chunk is no longer stored */
        byte[] chunk(int seq);
    }

    private final Chunks chunks;
    private final long length;
    private final int chunkSize;
    private byte[] current;
    private int currentSeq = -1;

    /**
     * @param chunks where the bytes are
     * @param length the source's length in bytes
     * @param chunkSize the size of every chunk but the last
     */
    ChunkImageInputStream(Chunks chunks, long length, int chunkSize) {
        this.chunks = chunks;
        this.length = length;
        this.chunkSize = chunkSize;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        int value = chunkAt(streamPos)[(int) (streamPos % chunkSize)] & 0xFF;
        streamPos++;
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        checkClosed();
        if (offset < 0 || count < 0 || offset + count > buffer.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", count " + count + ", buffer " + buffer.length);
        }
        bitOffset = 0;
        if (count == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        byte[] chunk = chunkAt(streamPos);
        int within = (int) (streamPos % chunkSize);
        int copied = (int) Math.min(Math.min(count, chunk.length - within), length - streamPos);
        if (copied <= 0) {
            throw new IOException("stored chunk " + currentSeq + " is shorter than the medium's length says");
        }
        System.arraycopy(chunk, within, buffer, offset, copied);
        streamPos += copied;
        return copied;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        super.close();
        current = null;
    }

    /** The same bytes from the start as a plain stream, for readers that take one. */
    InputStream asInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return ChunkImageInputStream.this.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                return ChunkImageInputStream.this.read(buffer, offset, count);
            }

            @Override
            public long skip(long count) throws IOException {
                long target = Math.min(length, getStreamPosition() + Math.max(0, count));
                long skipped = target - getStreamPosition();
                seek(target);
                return skipped;
            }
        };
    }

    private byte[] chunkAt(long position) {
        int seq = (int) (position / chunkSize);
        if (seq != currentSeq) {
            current = chunks.chunk(seq);
            currentSeq = seq;
        }
        return current;
    }
}

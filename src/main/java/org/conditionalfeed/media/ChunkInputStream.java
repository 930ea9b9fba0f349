package org.conditionalfeed.media;

import java.io.InputStream;

/**
 * The stored bytes of one medium, complete or still being received, read one
 * {@link MediaStore#CHUNK_SIZE} piece at a time: memory stays at one piece whatever the file's
 * size.
 *
 * <p>Not thread-safe: one reader.
 */
final class ChunkInputStream extends InputStream {

    private final MediaStore store;
    private final long id;
    private int seq;
    private byte[] piece = new byte[0];
    private int position;

    ChunkInputStream(MediaStore store, long id) {
        this.store = store;
        this.id = id;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (piece != null && position == piece.length) {
            next();
        }
        if (piece == null) {
            return -1;
        }
        int n = Math.min(length, piece.length - position);
        System.arraycopy(piece, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** The next stored piece, or {@code null} after the last. */
    private void next() {
        piece = store.chunk(id, seq++).orElse(null);
        position = 0;
    }
}

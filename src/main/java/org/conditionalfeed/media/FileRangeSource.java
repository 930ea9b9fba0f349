package org.conditionalfeed.media;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.conditionalfeed.http.StreamedRepresentation.RangeSource;

/**
 * Byte ranges of a medium from its copy in the media cache, for a range that is not left to the
 * container's sendfile (a probe of two bytes, a multipart response, no sendfile). Should the copy
 * be gone or shorter than it was when it was chosen (evicted or damaged meanwhile), the bytes
 * not yet written come from the database instead.
 *
 * <p>Reads with {@link RandomAccessFile} into a small heap buffer: no per-thread direct buffer is
 * kept, however many request threads read. Thread-safe: each call opens the file anew.
 */
final class FileRangeSource implements RangeSource {

    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final RangeSource database;
    private final Runnable damaged;

    /**
     * @param file the copy
     * @param database the same bytes from the database
     * @param damaged called when the copy turns out gone or short
     */
    FileRangeSource(Path file, RangeSource database, Runnable damaged) {
        this.file = file;
        this.database = database;
        this.damaged = damaged;
    }

    @Override
    public void write(OutputStream out, long first, long count) throws IOException {
        long position = first;
        long end = first + count;
        try (RandomAccessFile copy = new RandomAccessFile(file.toFile(), "r")) {
            byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, count))];
            copy.seek(first);
            while (position < end) {
                int read = copy.read(buffer, 0, (int) Math.min(buffer.length, end - position));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                position += read;
            }
        } catch (FileNotFoundException gone) {
            // Evicted or removed since it was chosen: nothing was written from it.
        }
        if (position < end) {
            damaged.run();
            database.write(out, position, end - position);
        }
    }
}

package org.conditionalfeed.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A representation whose bytes are not in memory: its length, metadata, and a source that writes
 * any byte range of it to a stream, for {@link StreamingResponder}; and, when a local file holds
 * exactly these bytes, that file, which the container may send by itself (sendfile).
 *
 * @param contentType the {@code Content-Type} value
 * @param length the exact number of bytes
 * @param validators its validators
 * @param source writes its bytes
 * @param file a file of exactly {@code length} bytes that are these, if there is one
 */
public record StreamedRepresentation(String contentType, long length, Validators validators, RangeSource source,
        Optional<Path> file) {

    public StreamedRepresentation {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
    }

    /** A representation with no file of its own: its bytes come from {@code source} only. */
    public StreamedRepresentation(String contentType, long length, Validators validators, RangeSource source) {
        this(contentType, length, validators, source, Optional.empty());
    }

    /** Writes bytes of a representation, in pieces of bounded size. */
    @FunctionalInterface
    public interface RangeSource {

        /**
         * Writes {@code count} bytes starting at offset {@code first} to {@code out}.
         *
         * @throws IOException when {@code out} fails: the client is gone
         */
        void write(OutputStream out, long first, long count) throws IOException;
    }
}

package org.conditionalfeed.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A representation whose bytes are not in memory: its length, metadata, and a source that writes
 * any byte range of it to a stream, for {@link StreamingResponder}.
 *
 * @param contentType the {@code Content-Type} value
 * @param length the exact number of bytes
 * @param validators its validators
 * @param source writes its bytes
 */
public record StreamedRepresentation(String contentType, long length, Validators validators, RangeSource source) {

    public StreamedRepresentation {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(source, "source");
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
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

package org.conditionalfeed.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code multipart/byteranges} body (RFC 9110 section 14.6): each part carries the
 * representation's {@code Content-Type} and its own {@code Content-Range}. Its exact length is
 * known before a byte is written, so the response carries {@code Content-Length}.
 *
 * <p>Not thread-safe: one instance per response.
 */
final class MultipartByteRanges {

    private final String boundary;
    private final List<byte[]> partHeaders = new ArrayList<>();
    private final List<ByteRange> parts;
    private final byte[] closing;

    MultipartByteRanges(List<ByteRange> parts, String contentType, long length) {
        this.parts = parts;
        this.boundary = "cf-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        for (int i = 0; i < parts.size(); i++) {
            ByteRange part = parts.get(i);
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Range: bytes " + part.first() + "-" + part.last() + "/" + length + "\r\n\r\n";
            partHeaders.add(head.getBytes(StandardCharsets.ISO_8859_1));
        }
        this.closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The response's {@code Content-Type}. */
    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    /** The exact number of bytes {@link #write} writes. */
    long contentLength() {
        long total = closing.length;
        for (int i = 0; i < parts.size(); i++) {
            total += partHeaders.get(i).length + parts.get(i).length();
        }
        return total;
    }

    void write(OutputStream out, StreamedRepresentation.RangeSource source) throws IOException {
        for (int i = 0; i < parts.size(); i++) {
            out.write(partHeaders.get(i));
            source.write(out, parts.get(i).first(), parts.get(i).length());
        }
        out.write(closing);
    }
}

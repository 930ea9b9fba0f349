package org.conditionalfeed.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code multipart/byteranges} body (RFC 9110 14.6, framed as RFC 2046 5.1.1 says:
 * optional preamble, {@code --boundary} lines, each part's headers, a blank line, its bytes,
 * and {@code --boundary--} at the end) into its parts, whoever sent it. Fails on a body that is
 * not framed that way.
 */
final class MultipartParts {

    /** One part: its {@code Content-Type}, its {@code Content-Range}, and its bytes. */
    record Part(String type, String contentRange, byte[] body) {

        @Override
        public String toString() {
            return type + " " + contentRange + " (" + body.length + " bytes)";
        }
    }

    private MultipartParts() {
    }

    static List<Part> read(String contentType, byte[] body) {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length())
                .replace("\"", "").trim();
        // ISO-8859-1 maps each byte to one char, so indexes into the text are indexes into the body.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.startsWith(delimiter) ? 0 : text.indexOf("\r\n" + delimiter) + 2;
        if (at < 0 || !text.startsWith(delimiter, at)) {
            throw new AssertionError("no first boundary " + delimiter + " in " + text);
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int lineEnd = at + delimiter.length();
            if (text.startsWith("--", lineEnd)) {
                return parts;
            }
            if (!text.startsWith("\r\n", lineEnd)) {
                throw new AssertionError("a boundary line not ended by CRLF at " + lineEnd + ": " + text);
            }
            int headersEnd = text.indexOf("\r\n\r\n", lineEnd);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw new AssertionError("a part without headers or a closing boundary: " + text);
            }
            String type = "";
            String range = "";
            for (String line : text.substring(lineEnd + 2, headersEnd).split("\r\n")) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).trim();
                if (name.equals("content-type")) {
                    type = value;
                } else if (name.equals("content-range")) {
                    range = value;
                }
            }
            parts.add(new Part(type, range, Arrays.copyOfRange(body, headersEnd + 4, next)));
            at = next + 2;
        }
    }
}

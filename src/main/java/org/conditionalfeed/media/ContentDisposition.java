package org.conditionalfeed.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The file name of an upload, from its {@code Content-Disposition} (RFC 6266):
 * {@code attachment; filename="episode-1.mp3"}, a token instead of the quoted string, and the
 * extended {@code filename*=UTF-8''%e2%82%ac.mp3} (RFC 8187), which wins when both are given.
 * A name must be safe to show and to put in a URL path segment: no path separators, control or
 * formatting characters, no {@code ..}, at most {@value #MAX_LENGTH} characters.
 *
 * <p>Stateless and thread-safe.
 */
final class ContentDisposition {

    static final int MAX_LENGTH = 200;

    private ContentDisposition() {
    }

    /**
     * The safe file name the header carries.
     *
     * @param header the {@code Content-Disposition} value, {@code null} when absent
     * @throws UploadRefused {@code 400} when the header is missing, malformed, has no name, or the
     *     name is unsafe
     */
    static String filename(String header) throws UploadRefused {
        if (header == null || header.isBlank()) {
            throw refused("send the file's name as Content-Disposition: attachment; filename=\"…\"");
        }
        Map<String, String> parameters = parameters(header)
                .orElseThrow(() -> refused("malformed Content-Disposition: " + header));
        String name = parameters.containsKey("filename*")
                ? extendedValue(parameters.get("filename*")).orElseThrow(
                        () -> refused("malformed filename* in Content-Disposition; use UTF-8''percent-encoded"))
                : parameters.get("filename");
        if (name == null) {
            throw refused("Content-Disposition has no filename");
        }
        return checked(name);
    }

    /** Parameter names in lower case to their raw values; empty when the syntax is wrong. */
    private static Optional<Map<String, String>> parameters(String header) {
        Map<String, String> parameters = new HashMap<>();
        int i = skipToken(header, skipSpace(header, 0));
        if (i == skipSpace(header, 0)) {
            return Optional.empty();
        }
        while ((i = skipSpace(header, i)) < header.length()) {
            if (header.charAt(i) != ';') {
                return Optional.empty();
            }
            int nameStart = skipSpace(header, i + 1);
            if (nameStart == header.length()) {
                break;
            }
            int nameEnd = skipToken(header, nameStart);
            int equals = skipSpace(header, nameEnd);
            if (nameEnd == nameStart || equals >= header.length() || header.charAt(equals) != '=') {
                return Optional.empty();
            }
            int valueStart = skipSpace(header, equals + 1);
            StringBuilder value = new StringBuilder();
            if (valueStart < header.length() && header.charAt(valueStart) == '"') {
                i = valueStart + 1;
                while (i < header.length() && header.charAt(i) != '"') {
                    if (header.charAt(i) == '\\' && i + 1 < header.length()) {
                        i++;
                    }
                    value.append(header.charAt(i++));
                }
                if (i >= header.length()) {
                    return Optional.empty();
                }
                i++;
            } else {
                i = skipToken(header, valueStart);
                if (i == valueStart) {
                    return Optional.empty();
                }
                value.append(header, valueStart, i);
            }
            String name = header.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
            if (parameters.put(name, value.toString()) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** {@code UTF-8'[language]'percent-encoded}, decoded; only UTF-8 is taken. */
    private static Optional<String> extendedValue(String value) {
        String[] parts = value.split("'", 3);
        if (parts.length != 3 || !parts[0].equalsIgnoreCase("UTF-8")) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = parts[2];
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80 && isTokenChar(c)) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /** The name itself, when it is safe; see the class comment. */
    static String checked(String name) throws UploadRefused {
        if (name.isEmpty() || name.isBlank()) {
            throw refused("the filename is empty");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw refused("the filename is longer than " + MAX_LENGTH + " characters");
        }
        if (name.contains("..") || name.startsWith(".") || !name.strip().equals(name)) {
            throw refused("the filename must not start with a dot, contain '..' or begin or end with spaces");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int category = Character.getType(c);
            if (c == '/' || c == '\\' || category == Character.CONTROL || category == Character.FORMAT
                    || category == Character.LINE_SEPARATOR || category == Character.PARAGRAPH_SEPARATOR
                    || (Character.isSurrogate(c) && !validSurrogate(name, i))) {
                throw refused("the filename must not contain path separators or control characters");
            }
        }
        return name;
    }

    private static boolean validSurrogate(String name, int i) {
        char c = name.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(name.charAt(i - 1));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipToken(String s, int i) {
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** RFC 9110 {@code tchar}. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static UploadRefused refused(String message) {
        return new UploadRefused(UploadRefused.Reason.BAD_REQUEST, message);
    }
}

package org.conditionalfeed.admin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The media type and text of a JSON request body, checked before any JSON parser sees it: JSON
 * is exchanged in UTF-8 (RFC 8259 section 8.1), so a {@code Content-Type} that is not JSON, a
 * {@code charset} parameter other than UTF-8, or bytes that are UTF-16 or UTF-32 (with or
 * without a byte order mark) are {@code 415}; bytes that are not well-formed UTF-8 (overlong
 * forms such as {@code C0 AF}, encoded surrogates such as {@code ED A0 80}, truncated sequences)
 * are {@code 400}. A UTF-8 byte order mark is ignored, as the RFC allows.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonBody {

    private static final String SEND_UTF8_JSON = "send the entry as application/json in UTF-8";

    private JsonBody() {
    }

    /**
     * Checks a {@code Content-Type} header before the body is read.
     *
     * @throws ApiException {@code 415} unless it is {@code application/json} (or {@code application/*+json})
     *     with no charset or charset UTF-8
     */
    static void requireJsonType(String contentType) throws ApiException {
        if (contentType == null) {
            throw new ApiException(415, SEND_UTF8_JSON);
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            throw new ApiException(415, SEND_UTF8_JSON);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            if (name.equals("charset")) {
                String value = equals < 0 ? "" : unquote(parameter.substring(equals + 1).strip());
                if (!value.equalsIgnoreCase("utf-8")) {
                    throw new ApiException(415, "charset " + (value.isEmpty() ? "(empty)" : value)
                            + " is not accepted; " + SEND_UTF8_JSON);
                }
            }
        }
    }

    /**
     * The body as text, decoded strictly as UTF-8.
     *
     * @throws ApiException {@code 415} for UTF-16 or UTF-32, {@code 400} for malformed UTF-8
     */
    static String decode(byte[] body) throws ApiException {
        String wide = wideEncoding(body);
        if (wide != null) {
            throw new ApiException(415, "the body is " + wide + "; " + SEND_UTF8_JSON);
        }
        int start = hasUtf8Bom(body) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body, start, body.length - start);
        try {
            return decoder.decode(bytes).toString();
        } catch (MalformedInputException e) {
            throw new ApiException(400, "the body is not well-formed UTF-8 (bad byte sequence at offset "
                    + bytes.position() + ")");
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "the body is not well-formed UTF-8");
        }
    }

    /**
     * UTF-32 or UTF-16 recognised by a byte order mark, or (RFC 4627 section 3) by the zero bytes
     * around the first character, which in JSON is always ASCII; {@code null} when neither.
     */
    private static String wideEncoding(byte[] body) {
        if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
            return "UTF-32";
        }
        if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE)) {
            return "UTF-16";
        }
        if (body.length >= 4 && ((body[0] == 0 && body[1] == 0 && body[2] == 0 && body[3] != 0)
                || (body[0] != 0 && body[1] == 0 && body[2] == 0 && body[3] == 0))) {
            return "UTF-32";
        }
        if (body.length >= 2 && ((body[0] == 0) != (body[1] == 0))) {
            return "UTF-16";
        }
        return null;
    }

    private static boolean hasUtf8Bom(byte[] body) {
        return startsWith(body, 0xEF, 0xBB, 0xBF);
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}

package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which uploads are taken: what Tika says the first bytes are, and whether the declared
 * {@code Content-Type} agrees.
 */
class AcceptedTypesTest {

    private static final AcceptedTypes TYPES = new AcceptedTypes();

    /** First bytes as hex, or as text when prefixed with {@code text:}. */
    private static byte[] bytes(String head) {
        return head.startsWith("text:") ? head.substring(5).getBytes(StandardCharsets.ISO_8859_1)
                : HexFormat.of().parseHex(head.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "JPEG          | ffd8ffe0 00104a46 49460001                                  | image/jpeg",
        "PNG           | 89504e47 0d0a1a0a 0000000d 49484452                         | image/png",
        "GIF           | text:GIF89a\u0001\u0000\u0001\u0000                         | image/gif",
        "WebP          | text:RIFF\u0000\u0000\u0000\u0000WEBPVP8                    | image/webp",
        "MP3 frame     | fffb9064 00000000 00000000                                  | audio/mpeg",
        "M4A           | 00000020 66747970 4d344120 00000000                         | audio/mp4",
        "MP4 isom      | 00000020 66747970 69736f6d 00000200                         | video/mp4",
        "MP4 mp42      | 00000020 66747970 6d703432 00000000                         | video/mp4",
        "PDF           | 25504446 2d312e34 0a                                        | application/pdf",
        "HTML          | text:<!DOCTYPE html><html><body>hi</body></html>            | text/html",
        "SVG           | text:<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>       | image/svg+xml",
        "QuickTime     | 00000020 66747970 71742020 00000000                         | video/quicktime",
    })
    void detectsFromTheBytes(String what, String head, String expected) {
        byte[] bytes = bytes(head);
        assertEquals(expected, TYPES.detect(bytes, bytes.length), what);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', value = {
        "image/jpeg                 | image/jpeg       | image/jpeg",
        "image/jpg                  | image/jpeg       | image/jpeg",
        "image/png                  | image/png        | image/png",
        "image/gif                  | image/gif        | image/gif",
        "image/webp                 | image/webp       | image/webp",
        "audio/mpeg                 | audio/mpeg       | audio/mpeg",
        "audio/mp3                  | audio/mpeg       | audio/mpeg",
        "audio/mp4                  | audio/mp4        | audio/mp4",
        "audio/x-m4a                | audio/mp4        | audio/mp4",
        "audio/mp4                  | video/mp4        | audio/mp4",
        "audio/ogg                  | audio/opus       | audio/ogg",
        "audio/opus                 | audio/opus       | audio/ogg",
        "audio/ogg                  | audio/vorbis     | audio/ogg",
        "video/mp4                  | video/mp4        | video/mp4",
        "application/pdf            | application/pdf  | application/pdf",
        "IMAGE/PNG; charset=binary  | image/png        | image/png",
    })
    void acceptsWhenDeclaredAndDetectedAgree(String declared, String detected, String stored) throws UploadRefused {
        assertEquals(stored, AcceptedTypes.accept(declared, detected).type());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', value = {
        "image/png        | text/html",
        "text/html        | text/html",
        "image/svg+xml    | image/svg+xml",
        "image/png        | image/svg+xml",
        "audio/mpeg       | image/png",
        "image/png        | image/jpeg",
        "video/mp4        | audio/mp4",
        "video/quicktime  | video/quicktime",
        "video/mp4        | video/quicktime",
        "audio/ogg        | application/ogg",
        "application/zip  | application/zip",
        "''               | image/png",
        "image/png        | application/octet-stream",
    })
    void refusesWhatIsNotTakenOrDisagrees(String declared, String detected) {
        UploadRefused refused = assertThrows(UploadRefused.class, () -> AcceptedTypes.accept(declared, detected));
        assertEquals(415, refused.reason().status(), refused.getMessage());
    }
}

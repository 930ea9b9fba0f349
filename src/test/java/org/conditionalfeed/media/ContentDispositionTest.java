package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The file name of an upload from its {@code Content-Disposition} (RFC 6266, RFC 8187). */
class ContentDispositionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "attachment; filename=\"episode-1.mp3\"                          | episode-1.mp3",
        "attachment; filename=episode-1.mp3                              | episode-1.mp3",
        "ATTACHMENT; FILENAME=\"Episode 1.mp3\"                          | Episode 1.mp3",
        "inline;filename=\"a.png\"                                       | a.png",
        "attachment ;  filename = \"a.png\" ;                            | a.png",
        "attachment; filename=\"say \\\"hi\\\".pdf\"                     | say \"hi\".pdf",
        "attachment; filename*=UTF-8''%e2%82%ac%20rates.pdf              | € rates.pdf",
        "attachment; filename*=utf-8'en'Caf%C3%A9.jpg                    | Café.jpg",
        "attachment; filename=\"fallback.jpg\"; filename*=UTF-8''Caf%C3%A9.jpg | Café.jpg",
        "attachment; filename*=UTF-8''Caf%C3%A9.jpg; filename=\"fallback.jpg\" | Café.jpg",
        "attachment; size=12; filename=\"a.png\"                         | a.png",
        "attachment; filename=\"日本語.png\"                              | 日本語.png",
    })
    void readsTheFileName(String header, String expected) throws UploadRefused {
        assertEquals(expected, ContentDisposition.filename(header));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullAndEmptySource
    @ValueSource(strings = {
        "attachment",
        "attachment; name=\"a.png\"",
        "; filename=\"a.png\"",
        "attachment; filename=\"a.png",
        "attachment; filename=",
        "attachment; filename=a b.png",
        "attachment; filename=\"a.png\"; filename=\"b.png\"",
        "attachment; filename*=ISO-8859-1''caf%E9.jpg",
        "attachment; filename*=UTF-8''caf%C3",
        "attachment; filename*=UTF-8''caf%ZZ.jpg",
        "attachment; filename*=UTF-8''%FF%FE.jpg",
        "attachment; filename*=caf.jpg",
        "attachment; filename=\"\"",
        "attachment; filename=\"   \"",
        "attachment; filename=\"../etc/passwd\"",
        "attachment; filename=\"a/b.png\"",
        "attachment; filename=\"a\\\\b.png\"",
        "attachment; filename*=UTF-8''a%2Fb.png",
        "attachment; filename*=UTF-8''a%5Cb.png",
        "attachment; filename=\"..\"",
        "attachment; filename=\".htaccess\"",
        "attachment; filename=\"a..png\"",
        "attachment; filename*=UTF-8''a%00b.png",
        "attachment; filename*=UTF-8''a%0D%0Ab.png",
        "attachment; filename*=UTF-8''a%7Fb.png",
        "attachment; filename*=UTF-8''evil%E2%80%AEgnp.exe",
        "attachment; filename=\" a.png\"",
    })
    void refusesMissingMalformedOrUnsafeNames(String header) {
        UploadRefused refused = assertThrows(UploadRefused.class, () -> ContentDisposition.filename(header));
        assertEquals(400, refused.reason().status(), refused.getMessage());
    }

    @Test
    void takesNamesUpToTheLimit() throws UploadRefused {
        String longest = "a".repeat(ContentDisposition.MAX_LENGTH - 4) + ".mp3";
        assertEquals(longest, ContentDisposition.filename("attachment; filename=\"" + longest + "\""));
        assertThrows(UploadRefused.class, () -> ContentDisposition.filename("attachment; filename=\"a" + longest + "\""));
    }
}

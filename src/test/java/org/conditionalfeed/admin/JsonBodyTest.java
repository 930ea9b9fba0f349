package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link JsonBody} accepts as a JSON request's media type and bytes, and what it refuses with which status. */
class JsonBodyTest {

    private static final String JSON = "{\"title\":\"caf\u00e9 \u20ac \ud83d\ude00\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case                          | charset of the JSON | bytes before it
        "UTF-8                           | UTF-8    |",
        "UTF-8 with byte order mark      | UTF-8    | EFBBBF",
    })
    void wellFormedUtf8IsDecoded(String name, String charset, String prefix) throws ApiException {
        assertEquals(JSON, JsonBody.decode(body(charset, prefix)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "UTF-16BE with byte order mark   | UTF-16BE | FEFF",
        "UTF-16LE with byte order mark   | UTF-16LE | FFFE",
        "UTF-16BE without byte order mark| UTF-16BE |",
        "UTF-16LE without byte order mark| UTF-16LE |",
        "UTF-32BE with byte order mark   | UTF-32BE | 0000FEFF",
        "UTF-32LE with byte order mark   | UTF-32LE | FFFE0000",
        "UTF-32BE without byte order mark| UTF-32BE |",
        "UTF-32LE without byte order mark| UTF-32LE |",
    })
    void utf16AndUtf32AreUnsupported(String name, String charset, String prefix) {
        assertEquals(415, assertThrows(ApiException.class, () -> JsonBody.decode(body(charset, prefix))).status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "overlong slash (C0 AF)                  | 7B2261223A22 C0AF 227D",
        "overlong three-byte slash (E0 80 AF)    | 7B2261223A22 E080AF 227D",
        "overlong NUL (C0 80)                    | 7B2261223A22 C080 227D",
        "high surrogate in UTF-8 (ED A0 80)      | 7B2261223A22 EDA080 227D",
        "surrogate pair in UTF-8 (CESU-8)        | 7B2261223A22 EDA0BDEDB880 227D",
        "low surrogate in UTF-8 (ED B0 80)       | 7B2261223A22 EDB080 227D",
        "beyond U+10FFFF (F4 90 80 80)           | 7B2261223A22 F4908080 227D",
        "five-byte form (F8 88 80 80 80)         | 7B2261223A22 F888808080 227D",
        "lone continuation byte (80)             | 7B2261223A22 80 227D",
        "truncated sequence (E2 82)              | 7B2261223A22 E282 227D",
        "truncated at the end (E2 82)            | 7B2261223A22 E282",
        "Latin-1 e acute (E9)                    | 7B2261223A22 E9 227D",
        "invalid byte (FF)                       | 7B2261223A22 FF 227D",
    })
    void malformedUtf8IsBadRequest(String name, String hex) {
        byte[] body = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertEquals(400, assertThrows(ApiException.class, () -> JsonBody.decode(body)).status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=\"UTF-8\"",
        "Application/JSON; Charset=Utf-8",
        "application/merge-patch+json",
        "application/json; profile=entry",
    })
    void jsonInUtf8IsAccepted(String contentType) {
        assertDoesNotThrow(() -> JsonBody.requireJsonType(contentType));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "(none)", value = {
        "(none)",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "application/json; charset=utf-16",
        "application/json; charset=UTF-16LE",
        "application/json; charset=\"utf-16\"",
        "application/json; charset=utf-32",
        "application/json; charset=ISO-8859-1",
        "application/json; charset=utf8",
        "application/json; charset=",
        "application/json; charset",
        "application/json; charset=utf-8; charset=utf-16",
    })
    void otherTypesAndCharsetsAreUnsupported(String contentType) {
        assertEquals(415, assertThrows(ApiException.class, () -> JsonBody.requireJsonType(contentType)).status());
    }

    private static byte[] body(String charset, String prefix) {
        byte[] before = prefix == null ? new byte[0] : HexFormat.of().parseHex(prefix);
        byte[] json = JSON.getBytes(Charset.forName(charset));
        byte[] all = new byte[before.length + json.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(json, 0, all, before.length, json.length);
        return all;
    }
}

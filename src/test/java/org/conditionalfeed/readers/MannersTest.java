package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests are a browser's, and which validators a request sent, from its headers alone. */
class MannersTest {

    private static String orNull(String value) {
        return value == null || value.equals("-") ? null : value;
    }

    @ParameterizedTest(name = "[{index}] mode={0} dest={1} accept={2} -> browser {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // Fetch metadata, which browsers send with every navigation
        "navigate | document | -                                                           | true",
        "navigate | -        | -                                                           | true",
        "-        | document | -                                                           | true",
        "NAVIGATE | -        | -                                                           | true",
        "cors     | empty    | -                                                           | false",
        "no-cors  | script   | -                                                           | false",
        // Browsers' Accept: HTML first, XML at 0.9
        "-        | -        | 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' | true",
        "-        | -        | 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' | true",
        "-        | -        | 'text/html, */*'                                            | true",
        // Feed readers' Accept
        "-        | -        | -                                                           | false",
        "-        | -        | '*/*'                                                       | false",
        "-        | -        | 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.7' | false",
        "-        | -        | 'application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1' | false",
        "-        | -        | 'application/rss+xml, text/html;q=0.5'                      | false",
        "-        | -        | 'text/html, application/rss+xml'                            | false",
        "-        | -        | 'text/html;q=0.9, application/xml;q=0.9'                    | false",
        "-        | -        | 'text/html;q=0'                                             | false",
        "-        | -        | 'text/html;q=bogus'                                         | false",
        "-        | -        | 'text/html;q=2'                                             | false",
        "-        | -        | 'TEXT/HTML; Q=1, application/xml; q=0.5'                    | true",
        "-        | -        | 'text/htmlx'                                                | false",
    })
    void tellsBrowsersFromReaders(String mode, String dest, String accept, boolean browser) {
        assertEquals(browser, Manners.of(null, null, orNull(mode), orNull(dest), orNull(accept)).browser());
    }

    @ParameterizedTest(name = "[{index}] If-None-Match={0} If-Modified-Since={1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "-        | -                             | NONE",
        "'\"7-a\"' | -                             | ENTITY_TAG",
        "-        | 'Sun, 06 Nov 1994 08:49:37 GMT' | DATE",
        "'\"7-a\"' | 'Sun, 06 Nov 1994 08:49:37 GMT' | BOTH",
        "'*'      | -                             | ENTITY_TAG",
        "'  '     | '  '                          | NONE",
    })
    void namesTheValidatorsSent(String ifNoneMatch, String ifModifiedSince, Manners.Sent sent) {
        Manners manners = Manners.of(orNull(ifNoneMatch), orNull(ifModifiedSince), null, null, null);
        assertEquals(sent, manners.validators());
        assertEquals(sent != Manners.Sent.NONE, manners.validators().conditional());
    }
}

package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReaderAgentTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; like FeedFetcher-Google)|Feedly/1.0|42",
        "Mozilla/5.0 (compatible; inoreader.com; 12 subscribers)|inoreader.com|12",
        "NewsBlur Feed Fetcher - 7 subscribers - https://www.newsblur.com/site/1/blog|NewsBlur|7",
        "Feedbin feed-id:1234 - 1 subscriber|Feedbin|1",
        "newsboat/2.21.0 (Linux x86_64)|newsboat/2.21.0|-1",
        "feedparser/6.0.10 +https://github.com/kurtmckee/feedparser/|feedparser/6.0.10|-1",
        "curl/7.88.1|curl/7.88.1|-1",
        "Miniflux/2.0.51 (https://miniflux.app)|Miniflux/2.0.51|-1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0|Mozilla/5.0|-1",
        "'  Tiny Tiny RSS/23.04 (https://tt-rss.org/)  '|Tiny|-1",
        "Reader/1.0 (99999999999999 subscribers)|Reader/1.0|-1",
        "Bad\u0001Agent/1|Bad?Agent/1|-1",
        "''|(no User-Agent)|-1",
    })
    void namesTheReaderAndTheSubscribersItReports(String userAgent, String name, long subscribers) {
        assertEquals(new ReaderAgent(name, subscribers), ReaderAgent.parse(userAgent));
    }

    @org.junit.jupiter.api.Test
    void aLongNameIsCut() {
        assertEquals(ReaderAgent.MAX_NAME, ReaderAgent.parse("x".repeat(500) + "/1").name().length());
        assertEquals(ReaderAgent.ANONYMOUS, ReaderAgent.parse(null).name());
    }
}

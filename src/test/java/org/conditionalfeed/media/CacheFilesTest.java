package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The media cache's file names, what it counts as its own, and what it copies. */
class CacheFilesTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @ParameterizedTest
    @CsvSource({
        "1-" + SHA + ", true",
        "123456789-" + SHA + ", true",
        "1-" + SHA + ".0123456789abcdef.part, true",
        "1-" + SHA + ".part, false",
        "1-" + SHA + ".0123456789ABCDEF.part, false",
        "1-" + SHA + ".tmp, false",
        "-" + SHA + ", false",
        "x-" + SHA + ", false",
        "1-9f86d081884c7d65, false",
        "1-9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08, false",
        "notes.txt, false",
        "feed.mv.db, false",
    })
    void onlyItsOwnNamesAreTheCaches(String name, boolean own) {
        assertEquals(own, CacheFiles.isOwn(name));
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "42, -1", "9223372036854775807, 12345"})
    void namesAreOwnAndDistinctPerMediumAndWriter(long id, long nonce) {
        String name = CacheFiles.name(id, SHA);
        String part = CacheFiles.partName(id, SHA, nonce);
        assertEquals(id + "-" + SHA, name);
        assertEquals(true, CacheFiles.isOwn(name));
        assertEquals(true, CacheFiles.isOwn(part));
        assertEquals(false, part.equals(CacheFiles.partName(id, SHA, nonce + 1)));
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1073741824, true",
        "1073741824, 1073741824, true",
        "1073741825, 1073741824, false",
        "0, 1073741824, false",
        "100, 0, false",
    })
    void aFileIsCopiedOnlyWhenItFitsInTheWholeCache(long length, long maxBytes, boolean fits) {
        assertEquals(fits, CacheFiles.fits(length, maxBytes));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1024, 1", "1025, 2", "1048576, 1024", "104857600, 102400",
        "9223372036854775807, 2147483647"})
    void weighsInKibRoundedUp(long length, int kib) {
        assertEquals(kib, CacheFiles.weightKib(length));
    }
}
